"""The engine's training layer: the trainer, its config and compiled step loop, data-parallel steps, fine-tuning, the exported script."""
