"""The engine's core layer: errors, events, reasons, files, device and recording: what every layer may use."""
