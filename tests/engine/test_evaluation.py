import json

import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.evaluation import confusion_matrix, evaluate_model, evaluate_probabilities


def test_confusion_matrix_against_a_hand_computed_one():
    labels = [0, 0, 1, 1, 1, 2, 2, 2, 2]
    predicted = [0, 1, 1, 1, 2, 2, 0, 2, 2]
    expected = np.array([[1, 1, 0],
                         [0, 2, 1],
                         [1, 0, 3]])
    np.testing.assert_array_equal(confusion_matrix(labels, predicted, 3), expected)


def test_accuracies_galleries_and_lists():
    # 6 images, 3 classes; probabilities chosen so every list has a known order
    probs = np.array([[0.9, 0.05, 0.05],   # 0 → 0, sure
                      [0.4, 0.35, 0.25],   # 0 → 0, unsure
                      [0.1, 0.8, 0.1],     # 1 → 1
                      [0.7, 0.2, 0.1],     # 1 → 0, wrong at 0.7
                      [0.05, 0.9, 0.05],   # 2 → 1, wrong at 0.9
                      [0.2, 0.5, 0.3]])    # 2 → 1, wrong at 0.5
    labels = np.array([0, 0, 1, 1, 2, 2])
    e = evaluate_probabilities(probs, labels, ("a", "b", "c"))
    np.testing.assert_array_equal(e.confusion, [[2, 0, 0], [1, 1, 0], [0, 2, 0]])
    assert e.accuracy == pytest.approx(3 / 6)
    assert e.per_class_accuracy == [1.0, 0.5, 0.0]
    np.testing.assert_allclose(e.row_normalised()[1], [0.5, 0.5, 0.0])
    np.testing.assert_array_equal(e.cell(2, 1), [4, 5])  # most confident first
    np.testing.assert_array_equal(e.confidently_wrong(2), [4, 3])
    assert e.least_confident(1)[0] == 1
    assert e.true_probability[3] == pytest.approx(0.2)
    d = e.to_dict()
    assert d["confusion"] == [[2, 0, 0], [1, 1, 0], [0, 2, 0]] and d["test_accuracy"] == pytest.approx(0.5)
    json.dumps(d)  # plain JSON types


def test_a_class_without_images_has_no_accuracy():
    e = evaluate_probabilities(np.eye(3)[[0, 0, 1]], [0, 0, 1])
    assert e.per_class_accuracy == [1.0, 1.0, None]


def test_bad_input_is_refused():
    with pytest.raises(ConfigError):
        evaluate_probabilities(np.ones((3, 2)) / 2, [0, 1])
    with pytest.raises(ConfigError):
        evaluate_probabilities(np.ones((2, 2)) / 2, [0, 5])


def test_evaluate_a_trained_model_matches_its_predictions(tiny):
    import threading

    from tensordesk.engine.models.architectures import default_spec
    from tensordesk.engine.training.config import default_config
    from tensordesk.engine.training.steps import as_float_images
    from tensordesk.engine.training.trainer import Trainer
    trainer = Trainer(default_spec("mlp"), default_config("mlp", epochs=1, batch_size=50), tiny)
    result = trainer.run()
    seen = []
    e = evaluate_model(trainer.model, tiny.x_test, tiny.y_test, tiny.class_names, batch_size=128,
                       progress=lambda done, total: seen.append((done, total)))
    assert seen == [(128, 500), (256, 500), (384, 500), (500, 500)]
    predicted = np.asarray(trainer.model(as_float_images(tiny.x_test))).argmax(axis=1)
    np.testing.assert_array_equal(e.predicted, predicted)
    assert e.confusion.sum() == 500 and e.accuracy == pytest.approx(result["test_accuracy"], abs=1e-6)
    stop = threading.Event()
    stop.set()
    assert evaluate_model(trainer.model, tiny.x_test, tiny.y_test, cancelled=stop) is None
