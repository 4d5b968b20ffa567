"""The engine's runs layer: runs that outlive the window: recorder, store."""
