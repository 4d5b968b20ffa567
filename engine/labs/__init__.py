"""Interactive labs (batch norm, gradient descent, curve fitting): each a stepper driven by `LabRunner`."""
import logging


class _NewLabRetrace(logging.Filter):
    """Every lab (re)start builds fresh variables and so traces its tf.functions anew: by design, not a
    performance bug, so TensorFlow's 'frequent retracing' advice is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "triggered tf.function retracing" not in record.getMessage()


logging.getLogger("tensorflow").addFilter(_NewLabRetrace())
