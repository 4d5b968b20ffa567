"""Background threads: the engine loader, the training run, the labs and the analysis jobs (Qt at the seam)."""
