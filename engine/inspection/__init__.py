"""The engine's inspection layer: looking inside a trained model: evaluation, robustness, insight, surgery, maps, landscape."""
