"""The engine's cli layer: the headless command line."""
