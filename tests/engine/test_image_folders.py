"""Image folders as data sets (FOLDER/<digit>/<image>), broken ones, and the loaders' small-data gaps."""
import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from tensordesk.engine.core.errors import DataError
from tensordesk.engine.data.datasets import load_csv, load_dataset, parse_source, read_image_folder, source_names
from tensordesk.engine.data.photos import write_photo_set
from tensordesk.engine.data.preprocess import preprocess_digit
from tensordesk.engine.training.config import fitting_batch_size
from tests.engine.helpers import main_py

ROOT = Path(__file__).resolve().parents[2]


def write_folder(root: Path, digits, labels, size=84, colour=False, dark_on_light=True, suffix=".png", prefix="img"):
    """Digits as files of another size, dark ink on white (or light on black), grey or colour."""
    for i, (digit, label) in enumerate(zip(digits, labels)):
        img = 255 - digit if dark_on_light else digit
        pil = Image.fromarray(img).resize((size, int(size * (1.2 if colour else 1))), Image.Resampling.BILINEAR)
        if colour:
            pil = Image.merge("RGB", (pil, pil.point(lambda v: int(v * 0.9)), pil.point(lambda v: int(v * 0.7))))
        (root / str(int(label))).mkdir(parents=True, exist_ok=True)
        pil.save(root / str(int(label)) / f"{prefix}_{i:03d}{suffix}")


def test_a_folder_of_images_is_a_data_set(tmp_path, embedded):
    write_folder(tmp_path, embedded.x_test[:60], embedded.y_test[:60], size=84)
    write_folder(tmp_path, embedded.x_test[60:80], embedded.y_test[60:80], size=200, colour=True,
                 dark_on_light=False, suffix=".jpg", prefix="zz")
    ds = load_dataset(f"folder:{tmp_path}")
    assert ds.name == f"folder:{tmp_path}"
    assert sum(ds.sizes) == 80 and ds.sizes[2] == 16   # a fifth held out for testing
    assert ds.x_train.shape[1:] == (28, 28) and ds.x_train.dtype == np.uint8
    # every image went through the drawing's preprocessing: it matches the MNIST digit it was made from
    x, y, notes = read_image_folder(tmp_path)
    assert len(x) == 80 and not notes
    by_label = sorted(zip(embedded.y_test[:60], embedded.x_test[:60]), key=lambda t: t[0])
    first = np.flatnonzero(y == by_label[0][0])[0]
    expected = preprocess_digit(by_label[0][1])
    assert np.corrcoef(x[first].ravel() / 255.0, expected.ravel())[0, 1] > 0.9
    assert sorted(np.bincount(y, minlength=10)) == sorted(np.bincount(embedded.y_test[:80], minlength=10))


def test_photos_in_a_folder(tmp_path, embedded):
    write_photo_set(tmp_path, embedded.x_test, embedded.y_test, 30, seed=2)
    x, y, notes = read_image_folder(tmp_path)
    assert len(x) == 30 and list(np.sort(y)) == sorted(embedded.y_test[:30])


@pytest.mark.parametrize("setup, words", [
    (lambda p: None, "no labelled images"),
    (lambda p: Image.new("L", (30, 30), 255).save(p / "loose.png"), "lie directly in it"),
    (lambda p: ((p / "cat").mkdir(), Image.new("L", (30, 30)).save(p / "cat" / "a.png")), "'cat' is not a label"),
    (lambda p: ((p / "12").mkdir(), Image.new("L", (30, 30)).save(p / "12" / "a.png")), "'12' is not a label"),
    (lambda p: ((p / "3").mkdir(), (p / "3" / "a.png").write_bytes(b"not a png")), "none of its 1 images"),
    (lambda p: ((p / "3").mkdir(), Image.new("L", (30, 30), 255).save(p / "3" / "a.png")), "blank"),
])
def test_broken_folders_say_what_is_wrong(tmp_path, setup, words):
    setup(tmp_path)
    with pytest.raises(DataError, match=words):
        load_dataset(f"folder:{tmp_path}")


def test_missing_folder_and_too_few_images(tmp_path, embedded):
    with pytest.raises(DataError, match="no such folder"):
        load_dataset(f"folder:{tmp_path / 'nope'}")
    write_folder(tmp_path, embedded.x_test[:3], embedded.y_test[:3])
    with pytest.raises(DataError, match="only 3 usable images"):
        load_dataset(f"folder:{tmp_path}")


def test_unreadable_and_blank_files_are_left_out_with_a_note(tmp_path, embedded):
    write_folder(tmp_path, embedded.x_test[:20], embedded.y_test[:20])
    (tmp_path / "4" / "broken.png").write_bytes(b"\x89PNG broken")
    Image.new("L", (40, 40), 255).save(tmp_path / "5" / "empty.png")
    (tmp_path / "5" / "notes.txt").write_text("not an image, not counted")
    ds = load_dataset(f"folder:{tmp_path}")
    assert sum(ds.sizes) == 20
    assert any("4/broken.png" in n and "could not be read" in n for n in ds.notes)
    assert any("5/empty.png" in n and "blank" in n for n in ds.notes)


def test_the_folder_source_is_registered():
    assert "folder:FOLDER" in source_names()
    kind, path = parse_source("folder:/some/where")
    assert kind.key == "folder" and path == "/some/where" and kind.title == "Image folder…"


def test_csv_with_missing_pixels_is_refused(tmp_path, embedded):
    rows = np.column_stack([embedded.y_train[:5], embedded.x_train[:5].reshape(5, -1)]).astype(np.float64)
    rows[2, 100] = np.nan
    path = tmp_path / "d.csv"
    np.savetxt(path, rows, fmt="%g", delimiter=",")
    with pytest.raises(DataError, match="row 3, pixel 100 is nan"):
        load_csv(path)


def test_a_batch_size_the_data_can_fill():
    assert fitting_batch_size(100, 60_000) == 100
    assert fitting_batch_size(100, 100) == 100
    assert fitting_batch_size(100, 36) == 9
    assert fitting_batch_size(64, 2) == 1


def test_cli_trains_and_evaluates_on_an_image_folder(tmp_path, embedded):
    folder = tmp_path / "digits"
    write_folder(folder, embedded.x_test[:45], embedded.y_test[:45])
    model, out = tmp_path / "m.tdm", tmp_path / "e.json"
    # 45 images: 9 test, 3 validation, 33 training; no --batch-size, and the CNN's usual 64 does not fit
    proc = main_py("train", "--arch", "cnn", "--epochs", "1",
                           "--dataset", f"folder:{folder}", "--augment", "--save", str(model), "--quiet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "note: batch size 8 (the usual 64 is more than the 33 training images)" in proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["dataset"] == f"folder:{folder}" and summary["steps"] == 5
    other = tmp_path / "other"
    write_folder(other, embedded.x_test[100:120], embedded.y_test[100:120], size=150, colour=True)
    proc = main_py("evaluate", "--model", str(model),
                           "--dataset", f"folder:{other}", "--json", str(out))
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "20 images (all of the folder)" in proc.stderr
    assert json.loads(out.read_text())["n"] == 20
    proc = main_py("train", "--dataset", f"folder:{tmp_path / 'x'}")
    assert proc.returncode == 2 and "no such folder" in proc.stderr and "Traceback" not in proc.stderr
