"""TensorDesk's Qt front end (PySide6 + pyqtgraph) over the engine."""
