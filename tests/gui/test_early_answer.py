"""Before TensorFlow has loaded, Draw reads a digit with the shipped model's NumPy forward pass, with the
probabilities TensorFlow gives once it is there."""
import numpy as np
from PIL import Image

from tensordesk.engine.models.checkpoints import SHIPPED_MODEL, load_shipped_model
from tensordesk.engine.models.inference import classify_drawing
from tensordesk.engine.models.numpy_forward import load_numpy_model
from tensordesk.gui.session import Predictor


def _canvas_drawing(digit28: np.ndarray) -> np.ndarray:
    """A drawing as the canvas gives it: light strokes on black, 280 px."""
    return np.asarray(Image.fromarray(digit28).resize((280, 280), Image.Resampling.BILINEAR), np.float32) / 255


def test_the_early_answer_is_tensorflows_answer(embedded):
    early = Predictor()
    early.set_early(load_numpy_model(SHIPPED_MODEL), "shipped model")
    assert early.can_classify and early.model is None
    shipped = load_shipped_model().model
    for i in range(10):
        drawing = _canvas_drawing(embedded.x_test[i])
        processed, probs = early.classify(drawing)
        tf_processed, tf_probs = classify_drawing(shipped, drawing)
        np.testing.assert_array_equal(processed, tf_processed)
        np.testing.assert_allclose(probs, tf_probs, atol=1e-5)
    assert early.classify(np.zeros((280, 280), np.float32)) == (None, None)
    early.set_model(shipped, [str(i) for i in range(10)], "shipped model")    # TensorFlow's model takes over
    assert early.early is None and early.model is shipped


def test_the_window_reads_a_digit_before_tensorflow_is_there(qtbot, embedded):
    from tensordesk.gui.main_window import MainWindow
    w = MainWindow()
    qtbot.addWidget(w)
    w.show()
    draw = w.view("draw")
    qtbot.waitUntil(lambda: w.session.predictor.can_classify, timeout=60000)
    early = not w.engine_is_ready        # almost always: the NumPy copy loads in a fraction of a second
    draw.show_image(embedded.x_test[0], "")
    probs = draw.panel.probabilities
    assert probs is not None and int(np.argmax(probs)) == int(embedded.y_test[0])
    assert "shipped model" in draw.model_label.text() and draw.model_label.isVisible()
    if early:
        assert w.session.predictor.model is None and w.session.predictor.early is not None
    qtbot.waitUntil(lambda: not w.starting, timeout=60000)
    draw.show_image(embedded.x_test[0], "")
    np.testing.assert_allclose(draw.panel.probabilities, probs, atol=1e-5)   # TensorFlow's model now, same answer
    assert w.session.predictor.early is None
    w.close()
