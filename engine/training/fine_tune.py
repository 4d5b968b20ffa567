"""Fine-tuning a copy of a model on the learner's own digits (engine/data/own_digits.py) mixed with MNIST, with
its accuracy on held-out own digits before, after every epoch and after."""
from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass

import numpy as np

from tensordesk.engine.core.errors import ConfigError, DataError
from tensordesk.engine.data.datasets import Dataset
from tensordesk.engine.data.own_digits import DEFAULT_HOLDOUT, DEFAULT_OWN_SHARE, split_own

FINE_TUNE_IMAGES = 2000     # images per fine-tuning epoch: own digits repeated (augmented), MNIST drawn fresh


@dataclass(frozen=True)
class FineTuneResult:
    before: float                    # accuracy on the held-out own digits, before
    after: float                     # and after fine-tuning
    held_out: int                    # how many own digits were held out
    trained_on: int                  # how many own digits it trained on
    per_epoch: tuple[float, ...]     # held-out accuracy after each epoch
    before_predictions: np.ndarray   # (held_out,) predicted digits, before
    after_predictions: np.ndarray    # (held_out,) and after
    held_out_images: np.ndarray      # (held_out, 28, 28) uint8
    held_out_labels: np.ndarray      # (held_out,)
    mnist_before: float = 0.0        # accuracy on (up to 1,000) MNIST test digits, before
    mnist_after: float = 0.0         # and after: learning your handwriting should not unlearn everyone else's
    model: object = None             # the fine-tuned keras.Model (a copy: the original is untouched)
    history: list = dataclasses.field(default_factory=list)
    config: dict = dataclasses.field(default_factory=dict)



def fine_tune(model, spec, own_images: np.ndarray, own_labels: np.ndarray, mnist: Dataset, own_share: float =
              DEFAULT_OWN_SHARE, holdout: float = DEFAULT_HOLDOUT, epochs: int = 5, learning_rate: float = 5e-4,
              seed: int = 0, progress=None, stop: threading.Event | None = None) -> FineTuneResult:
    """Fine-tune a copy of `model` on the learner's digits mixed with MNIST.

    Each epoch is `FINE_TUNE_IMAGES` images: `own_share` of them the learner's training digits (repeated, and
    augmented so repeats differ), the rest MNIST training digits. Accuracy on the held-out own digits is
    measured before, after every epoch and after. `progress(epoch, epochs, held_out_accuracy)` reports; `stop`
    ends it after the current epoch."""
    import keras

    from tensordesk.engine.models.inference import probabilities
    from tensordesk.engine.training.config import TrainConfig
    from tensordesk.engine.training.trainer import Trainer

    if not spec.is_classifier:
        raise ConfigError("the current model is an autoencoder; fine-tuning on your digits needs a classifier.")
    if not 0 < own_share <= 1:
        raise ConfigError(f"the share of your digits must be above 0 and at most 1 (got {own_share}).")
    if len(own_images) == 0:
        raise DataError("there are no collected digits yet: draw some and save them with “This is a …”.")
    x_train, y_train, x_held, y_held = split_own(own_images, own_labels, holdout, seed)
    if len(x_held) == 0 or len(x_train) == 0:
        raise DataError(f"{len(own_images)} collected digit{'s' if len(own_images) != 1 else ''} are too few: "
                        f"collect at least two examples of a digit, so some can be held out to measure.")
    rng = np.random.default_rng(seed)
    n_own = max(1, int(round(FINE_TUNE_IMAGES * own_share)))
    n_mnist = FINE_TUNE_IMAGES - n_own
    own_idx = rng.integers(0, len(x_train), n_own)
    mnist_idx = rng.choice(len(mnist.x_train), min(n_mnist, len(mnist.x_train)), replace=False)
    mix_x = np.concatenate([x_train[own_idx], mnist.x_train[mnist_idx]])
    mix_y = np.concatenate([y_train[own_idx], mnist.y_train[mnist_idx]]).astype(np.uint8)

    def accuracy(m, x=x_held, y=y_held) -> tuple[float, np.ndarray]:
        pred = probabilities(m, x.astype(np.float32) / 255.0).argmax(1)
        return float(np.mean(pred == y)), pred

    before, before_pred = accuracy(model)
    x_mnist, y_mnist = mnist.x_test[:1000], mnist.y_test[:1000]
    mnist_before = accuracy(model, x_mnist, y_mnist)[0]
    tuned = keras.models.clone_model(model)
    tuned.set_weights(model.get_weights())
    data = Dataset("own+mnist", "Your digits + MNIST", mix_x, mix_y, x_held, y_held, x_held, y_held)
    config = TrainConfig(epochs=epochs, batch_size=32, learning_rate=learning_rate, augment=True, seed=seed,
                         evaluate_test=False)
    per_epoch: list[float] = []

    def listen(event):
        from tensordesk.engine.core import events as ev
        if isinstance(event, ev.EpochEnded):
            per_epoch.append(float(event.val_accuracy))
            if progress is not None:
                progress(event.epoch, epochs, float(event.val_accuracy))
            if stop is not None and stop.is_set():
                trainer.stop()

    trainer = Trainer(spec, config, data, listen, model=tuned, writer_styles=False)   # the writer's own style stays
    result = trainer.run()
    if not result.state.kept:
        raise DataError(f"fine-tuning did not finish: {result.message}")
    after, after_pred = accuracy(tuned)
    return FineTuneResult(before, after, len(x_held), len(x_train), tuple(per_epoch), before_pred, after_pred,
                          x_held, y_held, mnist_before,
                          accuracy(tuned, x_mnist, y_mnist)[0], tuned, result.history, config.to_dict())
