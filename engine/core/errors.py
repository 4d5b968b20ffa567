"""Error types the engine raises for problems a user can fix (bad files, bad settings)."""


class TensorDeskError(Exception):
    """Base class: its message is a complete sentence fit to show a user."""


class DataError(TensorDeskError):
    """A data set could not be loaded; the message names the file and the problem."""


class CheckpointError(TensorDeskError):
    """A saved model could not be written or read."""


class ConfigError(TensorDeskError):
    """A model or training setting is out of range."""
