"""The engine's models layer: architectures, optimizers, model files (.tdm, .keras) and inference."""
