"""The learner's own digits: the collection folder and fine-tuning on it."""
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from PIL import Image

from tensordesk.engine.core.errors import ConfigError, DataError
from tensordesk.engine.data.datasets import load_dataset
from tensordesk.engine.data.own_digits import DigitCollection, split_own
from tensordesk.engine.data.preprocess import preprocess_digit
from tensordesk.engine.training.fine_tune import fine_tune


def canvas_drawing(digit, mirror=False):
    """An MNIST digit as the canvas would hold it: light ink on black at 280 px."""
    img = Image.fromarray(digit).resize((280, 280), Image.Resampling.BILINEAR)
    if mirror:   # mirror writing, as many children write some digits
        img = img.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    return np.asarray(img, np.float32) / 255


def test_collect_list_relabel_delete(tmp_path, embedded):
    col = DigitCollection(tmp_path / "mine")
    assert col.items() == [] and col.counts() == [0] * 10
    paths = [col.add(canvas_drawing(embedded.x_test[i]), int(embedded.y_test[i])) for i in range(12)]
    assert all(p.parent.name == str(int(y)) and p.suffix == ".png" for p, y in zip(paths, embedded.y_test))
    assert sum(col.counts()) == 12 and col.counts() == list(np.bincount(embedded.y_test[:12], minlength=10))
    assert not list((tmp_path / "mine").rglob("*.tmp"))
    # saved as drawn: reading it back gives the drawing's network input
    x, y, notes = col.read()
    first = [i for i, (label, p) in enumerate(col.items()) if p == paths[0]][0]
    assert np.corrcoef(x[first].ravel() / 255, preprocess_digit(canvas_drawing(embedded.x_test[0])).ravel())[0, 1] > 0.99
    # relabel moves the file; delete removes it
    moved = col.relabel(paths[0], 3 if int(embedded.y_test[0]) != 3 else 4)
    assert moved.exists() and not paths[0].exists() and moved.parent.name in ("3", "4")
    kept = col.delete(moved)
    assert not moved.exists() and sum(col.counts()) == 11
    assert col.restore(kept) == moved and moved.exists() and sum(col.counts()) == 12
    col.delete(moved)
    # the collection is an image-folder data source like any other
    ds = load_dataset(f"folder:{tmp_path / 'mine'}")
    assert sum(ds.sizes) == 11


def test_bad_input_is_refused(tmp_path):
    col = DigitCollection(tmp_path)
    with pytest.raises(DataError, match="empty"):
        col.add(np.zeros((100, 100)), 3)
    with pytest.raises(DataError, match="not a digit"):
        col.add(np.ones((100, 100)), 10)
    with pytest.raises(DataError, match="not in the collection"):
        col.delete(tmp_path.parent / "elsewhere.png")
    with pytest.raises(DataError, match="cannot delete"):
        col.delete(tmp_path / "3" / "gone.png")
    blocked = DigitCollection(tmp_path / "file")
    (tmp_path / "file").write_text("a file where the folder should be")
    with pytest.raises(DataError, match="cannot save"):
        blocked.add(np.ones((10, 10)), 1)


def test_a_crash_while_saving_loses_nothing(tmp_path, monkeypatch, embedded):
    col = DigitCollection(tmp_path)
    kept = col.add(canvas_drawing(embedded.x_test[0]), int(embedded.y_test[0]))

    def crash(*args):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(DataError, match="cannot save"):
        col.add(canvas_drawing(embedded.x_test[1]), int(embedded.y_test[1]))
    monkeypatch.undo()
    assert [p for _, p in col.items()] == [kept] and not list(tmp_path.rglob("*.tmp"))


def test_killed_while_saving_leaves_only_whole_images(tmp_path):
    """A process saving drawings as fast as it can is killed with SIGKILL: every image left is whole."""
    script = ("import numpy as np, sys\n"
              "from tensordesk.engine.data.own_digits import DigitCollection\n"
              "col = DigitCollection(sys.argv[1]); rng = np.random.default_rng(0)\n"
              "print('ready', flush=True)\n"
              "while True:\n"
              "    col.add(rng.random((400, 400)), int(rng.integers(10)))\n")
    proc = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    items = DigitCollection(tmp_path).items()
    assert len(items) > 3
    for _, path in items:
        with Image.open(path) as img:
            img.load()
            assert img.size == (400, 400)


def test_holding_out_keeps_every_digit_measured():
    labels = np.repeat(np.arange(10), [1, 2, 3, 10, 0, 5, 5, 5, 5, 4])
    images = np.zeros((len(labels), 28, 28), np.uint8)
    x_tr, y_tr, x_ho, y_ho = split_own(images, labels, 0.3)
    assert len(y_tr) + len(y_ho) == len(labels)
    assert set(y_ho) == {1, 2, 3, 5, 6, 7, 8, 9}     # every digit with two or more examples is measured
    assert 0 in y_tr and np.sum(y_ho == 3) == 3
    with pytest.raises(ConfigError):
        split_own(images, labels, 1.5)


def test_fine_tuning_learns_a_writers_mirrored_digits(embedded):
    """A trained model reads mirror-written digits badly; fine-tuned on some, it reads the held-out ones better."""
    from tensordesk.engine.models.checkpoints import load_shipped_model
    shipped = load_shipped_model()
    own = np.stack([np.rint(preprocess_digit(canvas_drawing(d, mirror=True)) * 255).astype(np.uint8)
                    for d in embedded.x_test[:120]])
    labels = embedded.y_test[:120]
    seen = []
    result = fine_tune(shipped.model, shipped.spec, own, labels, embedded, epochs=4,
                       progress=lambda e, n, acc: seen.append((e, n, acc)))
    assert result.held_out + result.trained_on == 120 and result.held_out >= 30
    assert [s[0] for s in seen] == [1, 2, 3, 4] and len(result.per_epoch) == 4
    assert result.after >= result.before + 0.15, (result.before, result.after)
    assert result.before_predictions.shape == result.after_predictions.shape == (result.held_out,)
    assert result.mnist_after > 0.8        # it still reads MNIST
    # the original model is untouched: fine-tuning worked on a copy
    again = float(np.mean(np.argmax(shipped.model(result.held_out_images.astype(np.float32) / 255), 1)
                          == result.held_out_labels))
    assert abs(again - result.before) < 1e-6 and result.model is not shipped.model


def test_fine_tuning_needs_digits_and_a_classifier(embedded):
    from tensordesk.engine.models.architectures import build_model, default_spec
    spec = default_spec("softmax")
    model = build_model(spec)
    with pytest.raises(DataError, match="no collected digits"):
        fine_tune(model, spec, np.zeros((0, 28, 28), np.uint8), np.zeros(0, np.uint8), embedded)
    with pytest.raises(DataError, match="too few"):
        fine_tune(model, spec, embedded.x_test[:1], embedded.y_test[:1], embedded)
    auto = default_spec("autoencoder")
    with pytest.raises(ConfigError, match="autoencoder"):
        fine_tune(build_model(auto), auto, embedded.x_test[:10], embedded.y_test[:10], embedded)
