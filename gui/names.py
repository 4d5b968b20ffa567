"""Names that come from the engine (architectures and their descriptions), marked for Qt's translation
system here because engine/ cannot import Qt. `tr_engine` looks them up; tests check that every
architecture is listed, so a new one cannot slip through untranslated."""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ENGINE_TEXTS = (
    QT_TRANSLATE_NOOP("engine", "Softmax regression"),
    QT_TRANSLATE_NOOP("engine", "784 → 10: one linear layer and a softmax."),
    QT_TRANSLATE_NOOP("engine", "MLP 784-500-10"),
    QT_TRANSLATE_NOOP("engine", "One hidden layer of 500 ReLU units."),
    QT_TRANSLATE_NOOP("engine", "Deep DNN 784-300-50-50-20-10"),
    QT_TRANSLATE_NOOP("engine", "Four hidden ReLU layers (the transfer-learning net)."),
    QT_TRANSLATE_NOOP("engine", "CNN (classic)"),
    QT_TRANSLATE_NOOP("engine", "conv 5×5×32 → pool → conv 5×5×64 → pool → dense 1024 → dropout → 10."),
    QT_TRANSLATE_NOOP("engine", "CNN (compact)"),
    QT_TRANSLATE_NOOP("engine", "conv 3×3×32 → conv 3×3×64 stride 2 → pool → dense 64 → 10."),
    QT_TRANSLATE_NOOP("engine", "LSTM over image rows"),
    QT_TRANSLATE_NOOP("engine", "28 rows × 28 pixels → dense 128 → LSTM 128 → 10."),
    QT_TRANSLATE_NOOP("engine", "Autoencoder (2-D code)"),
    QT_TRANSLATE_NOOP("engine", "784-128-64-10-2-10-64-128-784, trained to rebuild its input."),
    QT_TRANSLATE_NOOP("engine", "Momentum"),
    QT_TRANSLATE_NOOP("engine", "MNIST (embedded, 10,000 digits, offline)"),
    # engine/data/datasets.py: the loaded data sets' titles (the status bar, Evaluate's and Landscape's captions)
    QT_TRANSLATE_NOOP("engine", "MNIST (embedded subset)"),
    QT_TRANSLATE_NOOP("engine", "MNIST (full, 70,000)"),
    QT_TRANSLATE_NOOP("engine", "Fashion-MNIST (70,000)"),
    QT_TRANSLATE_NOOP("engine", "IDX folder…"),
    QT_TRANSLATE_NOOP("engine", "CSV file…"),
    QT_TRANSLATE_NOOP("engine", "Image folder…"),
    # engine/core/reasons.py: how runs and labs ended
    QT_TRANSLATE_NOOP("engine", "Finished %1 epochs (%2 steps)."),
    QT_TRANSLATE_NOOP("engine", "Finished 1 epoch (%1 steps)."),
    QT_TRANSLATE_NOOP("engine", "Stopped by the user at step %1."),
    QT_TRANSLATE_NOOP("engine", "The loss became NaN or infinite at step %1: the learning rate %2 is too high for this "
                      "model; try %3 or lower."),
    QT_TRANSLATE_NOOP("engine", "Training failed: %1"),
    QT_TRANSLATE_NOOP("engine", "Test accuracy %1."),
    QT_TRANSLATE_NOOP("engine", "Test reconstruction error %1."),
    QT_TRANSLATE_NOOP("engine", "The network %1 diverged at step %2: its cost became infinite or NaN (%3)."),
    QT_TRANSLATE_NOOP("engine", "without batch norm"),
    QT_TRANSLATE_NOOP("engine", "with batch norm"),
    QT_TRANSLATE_NOOP("engine", "ReLU passes large values on unchanged, so with N(0, σ) weights each layer multiplies "
                      "them and the output explodes"),
    QT_TRANSLATE_NOOP("engine", "the updates grew without bound"),
    QT_TRANSLATE_NOOP("engine", "%1 diverged at step %2: each step overshoots the valley by more than the last, "
                      "so a, b and the cost run off to infinity. Try a learning rate below %3."),
    QT_TRANSLATE_NOOP("engine", "%1, LR %2"),
    QT_TRANSLATE_NOOP("engine", "Switched off unit %1 of %2."),
    QT_TRANSLATE_NOOP("engine", "Scaled the incoming weights of unit %2 of %3 by %1."),
    QT_TRANSLATE_NOOP("engine", "Shifted the bias of unit %2 of %3 by %1."),
    QT_TRANSLATE_NOOP("engine", "Pruned the %1% smallest weights of %2."),
    QT_TRANSLATE_NOOP("engine", "Pruned the %1% smallest weights of the whole network."),
    QT_TRANSLATE_NOOP("engine", "Set the softmax temperature to %1."),
    QT_TRANSLATE_NOOP("engine", "BN on"),
    # engine/core/recording.py: the kinds of recording
    QT_TRANSLATE_NOOP("engine", "Animated GIF"),
    QT_TRANSLATE_NOOP("engine", "MP4 video"),
    QT_TRANSLATE_NOOP("engine", "dropout"),
    # engine/labs/playground_data.py: the playground's data sets
    QT_TRANSLATE_NOOP("engine", "Circle"),
    QT_TRANSLATE_NOOP("engine", "Exclusive or"),
    QT_TRANSLATE_NOOP("engine", "Two Gaussians"),
    QT_TRANSLATE_NOOP("engine", "Spiral"),
    QT_TRANSLATE_NOOP("engine", "Three-arm spiral"),
    QT_TRANSLATE_NOOP("engine", "Four blobs"),
    QT_TRANSLATE_NOOP("engine", "Plane (regression)"),
    QT_TRANSLATE_NOOP("engine", "Gaussians (regression)"),
    QT_TRANSLATE_NOOP("engine", "Your own points"),
)


# the states of a run (engine.events.RunState), as the history lists them
RUN_STATE_TEXTS = {
    "finished": QT_TRANSLATE_NOOP("runState", "finished"),
    "stopped": QT_TRANSLATE_NOOP("runState", "stopped"),
    "diverged": QT_TRANSLATE_NOOP("runState", "diverged"),
    "errored": QT_TRANSLATE_NOOP("runState", "failed"),
    "running": QT_TRANSLATE_NOOP("runState", "running"),
    "interrupted": QT_TRANSLATE_NOOP("runState", "interrupted"),
    "damaged": QT_TRANSLATE_NOOP("runState", "damaged"),
}


def run_state_text(state: str) -> str:
    """A run state's word in the window's language."""
    text = RUN_STATE_TEXTS.get(str(state))
    return QCoreApplication.translate("runState", text) if text else str(state)


def tr_engine(text: str) -> str:
    return QCoreApplication.translate("engine", text)


def model_title(checkpoint) -> str:
    """A model's short name: its architecture's (translated), or the Keras file it came from; a run's snapshot
    says its step."""
    if checkpoint.spec is None:
        return str(checkpoint.meta.get("keras_file") or "Keras")
    step = checkpoint.meta.get("snapshot_step")
    if step is None:
        return spec_label(checkpoint.spec)
    return QCoreApplication.translate("names", "%1 at step %2").replace("%1", spec_label(checkpoint.spec)) \
        .replace("%2", f"{int(step):,}")


def spec_label(spec) -> str:
    """ModelSpec.label() in the window's language, e.g. 'CNN (classic), BN on'."""
    return spec.label(tr_engine)
