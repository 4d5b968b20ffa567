"""The Train view: the experiment panel, the run controls and the live curves."""
