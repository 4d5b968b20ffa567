"""TensorDesk: a desktop lab for learning neural networks with TensorFlow.

Installed, this folder is the package `tensordesk`: `tensordesk.engine` (no Qt), `tensordesk.gui` (PySide6)
and `tensordesk.assets` (the embedded digits, translations and presets); see pyproject.toml.
"""
