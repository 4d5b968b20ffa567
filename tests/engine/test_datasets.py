import gzip
import struct

import numpy as np
import pytest

from tensordesk.engine.data import datasets
from tensordesk.engine.data.datasets import DataError, load_csv, load_dataset, load_embedded, load_idx_folder, read_idx


def write_idx(path, array, gz=True):
    array = np.asarray(array, dtype=np.uint8)
    raw = struct.pack(">BBBB", 0, 0, 0x08, array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    raw += array.tobytes()
    if gz:
        raw = gzip.compress(raw)
    path.write_bytes(raw)
    return path


def make_idx_folder(folder, n_train=60, n_test=20, gz=True):
    rng = np.random.default_rng(0)
    ext = ".gz" if gz else ""
    write_idx(folder / f"train-images-idx3-ubyte{ext}", rng.integers(0, 256, (n_train, 28, 28)), gz)
    write_idx(folder / f"train-labels-idx1-ubyte{ext}", np.arange(n_train) % 10, gz)
    write_idx(folder / f"t10k-images-idx3-ubyte{ext}", rng.integers(0, 256, (n_test, 28, 28)), gz)
    write_idx(folder / f"t10k-labels-idx1-ubyte{ext}", np.arange(n_test) % 10, gz)
    return folder


def test_embedded_split_is_stratified_and_fixed():
    ds = load_embedded(validation_size=500)
    assert ds.sizes == (7500, 500, 2000)
    assert ds.x_train.dtype == np.uint8 and ds.x_train.shape[1:] == (28, 28)
    counts = np.bincount(ds.y_test, minlength=10)
    full = np.array([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978])
    assert np.all(np.abs(counts - full * 0.2) <= 2)
    again = load_embedded(validation_size=500)
    assert np.array_equal(ds.x_test, again.x_test) and np.array_equal(ds.y_train, again.y_train)
    # no test image leaks into training
    train_keys = {x.tobytes() for x in ds.x_train[:2000]}
    assert not any(x.tobytes() in train_keys for x in ds.x_test[:500])


def test_idx_folder_raw_and_gz(tmp_path):
    for gz in (True, False):
        folder = tmp_path / f"gz{gz}"
        folder.mkdir()
        ds = load_idx_folder(make_idx_folder(folder, gz=gz), validation_size=10)
        assert ds.sizes == (50, 10, 20)
        assert ds.class_names[0] == "0"


@pytest.mark.skipif(not datasets.DEBIAN_FASHION.is_dir(), reason="dataset-fashion-mnist is not installed")
def test_full_fashion_mnist_from_debian():
    ds = load_dataset("fashion")
    assert ds.sizes == (55000, 5000, 10000)
    assert ds.class_names[9] == "Ankle boot"
    assert np.bincount(ds.y_test).tolist() == [1000] * 10
    assert ds.x_test.mean() > 50  # real pictures, not zeros


def test_wrong_magic(tmp_path):
    folder = make_idx_folder(tmp_path)
    p = folder / "train-images-idx3-ubyte.gz"
    raw = bytearray(gzip.decompress(p.read_bytes()))
    raw[0:4] = b"\x12\x34\x56\x78"
    p.write_bytes(gzip.compress(bytes(raw)))
    with pytest.raises(DataError, match="magic.*train-images|train-images.*magic"):
        load_idx_folder(folder)


def test_truncated_gzip_and_truncated_data(tmp_path):
    folder = make_idx_folder(tmp_path)
    p = folder / "t10k-images-idx3-ubyte.gz"
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(DataError, match="t10k-images.*(corrupt|truncated)"):
        load_idx_folder(folder)
    raw = tmp_path / "raw.idx"
    write_idx(raw, np.zeros((5, 28, 28)), gz=False)
    raw.write_bytes(raw.read_bytes()[:-100])
    with pytest.raises(DataError, match="truncated"):
        read_idx(raw)


def test_count_mismatch_and_label_range(tmp_path):
    folder = make_idx_folder(tmp_path)
    write_idx(folder / "train-labels-idx1-ubyte.gz", np.arange(59) % 10)
    with pytest.raises(DataError, match="60 images.*59 labels"):
        load_idx_folder(folder)
    write_idx(folder / "train-labels-idx1-ubyte.gz", np.full(60, 11))
    with pytest.raises(DataError, match="label 11 is out of range"):
        load_idx_folder(folder)


def test_empty_file_and_missing_folder(tmp_path):
    folder = make_idx_folder(tmp_path)
    (folder / "train-images-idx3-ubyte.gz").write_bytes(b"")
    with pytest.raises(DataError, match="empty"):
        load_idx_folder(folder)
    with pytest.raises(DataError, match="no such folder"):
        load_idx_folder(tmp_path / "nope")


def test_csv_seed_format(tmp_path):
    rng = np.random.default_rng(1)
    pix = rng.integers(0, 256, (40, 784))
    labels = np.arange(40) % 10
    rows = [",".join(map(str, [lab, *p])) for lab, p in zip(labels, pix)]
    train = tmp_path / "mnist_train.csv"
    train.write_text("\n".join(rows) + "\n")
    (tmp_path / "mnist_test.csv").write_text("\n".join(rows[:10]) + "\n")
    ds = load_csv(train)
    assert len(ds.x_test) == 10 and len(ds.x_train) + len(ds.x_val) == 40
    got = np.concatenate([ds.x_train, ds.x_val]).reshape(-1, 784)
    assert {r.tobytes() for r in got} == {r.astype(np.uint8).tobytes() for r in pix}


def test_csv_errors(tmp_path):
    bad_len = tmp_path / "a.csv"
    bad_len.write_text("3," + ",".join(["0"] * 783) + "\n")
    with pytest.raises(DataError, match=r"a\.csv: row 1 has 784 values"):
        load_csv(bad_len)
    bad_label = tmp_path / "b.csv"
    bad_label.write_text("12," + ",".join(["0"] * 784) + "\n")
    with pytest.raises(DataError, match=r"b\.csv: label 12"):
        load_csv(bad_label)
    empty = tmp_path / "c.csv"
    empty.write_text("")
    with pytest.raises(DataError, match="no data rows"):
        load_csv(empty)


def test_unknown_source():
    with pytest.raises(DataError, match="unknown data set"):
        load_dataset("imagenet")


def test_full_mnist_offline_falls_back_to_embedded(monkeypatch, tmp_path):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))  # no cached copy
    monkeypatch.setattr(datasets, "_online", lambda *a, **k: False)
    ds = load_dataset("mnist")
    assert ds.name == "mnist-embedded" and ds.sizes[2] == 2000
    assert ds.notes and "no network" in ds.notes[0]
