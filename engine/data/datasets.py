"""Data sets TensorDesk trains on: the embedded MNIST subset, full MNIST, Fashion-MNIST, IDX folders, CSV files and
folders of images (`FOLDER/<label>/<name>.png`, Keras's `image_dataset_from_directory` layout).

Every loader returns a `Dataset` of uint8 images (N, 28, 28) and uint8 labels (N,) in 0..9, or raises
`DataError` naming the file and the problem. Nothing here imports TensorFlow at module load.
"""
from __future__ import annotations

import gzip
import os
import socket
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from tensordesk.engine.core.errors import DataError
from tensordesk.engine.core.files import ASSETS

EMBEDDED_FILE = ASSETS / "mnist_embedded.npz"
DEBIAN_FASHION = Path("/usr/share/datasets/fashion-mnist")

DIGIT_NAMES = tuple(str(i) for i in range(10))
FASHION_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
IMAGE_SIDE = 28
NUM_CLASSES = 10


@dataclass(frozen=True, eq=False)
class Dataset:
    """Train / validation / test splits; images (N, 28, 28) uint8, labels (N,) uint8."""

    name: str
    title: str
    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, ...] = DIGIT_NAMES
    notes: tuple[str, ...] = field(default=())

    @property
    def sizes(self) -> tuple[int, int, int]:
        return len(self.x_train), len(self.x_val), len(self.x_test)

    def describe(self) -> str:
        tr, va, te = self.sizes
        return f"{self.title}: {tr:,} train / {va:,} validation / {te:,} test"


# --------------------------------------------------------------------------- checks

def _check_images_labels(images: np.ndarray, labels: np.ndarray, where: str) -> None:
    if images.ndim != 3 or images.shape[1:] != (IMAGE_SIDE, IMAGE_SIDE):
        raise DataError(f"{where}: images are {'×'.join(map(str, images.shape[1:]))} pixels; "
                        f"TensorDesk's models take 28×28 images.")
    if len(images) != len(labels):
        raise DataError(f"{where}: {len(images):,} images but {len(labels):,} labels; the counts must match.")
    if len(images) == 0:
        raise DataError(f"{where}: the data set is empty.")
    if labels.size and (labels.min() < 0 or labels.max() >= NUM_CLASSES):
        bad = labels[(labels < 0) | (labels >= NUM_CLASSES)][0]
        raise DataError(f"{where}: label {int(bad)} is out of range; labels must be 0 to 9.")


def _split(x: np.ndarray, y: np.ndarray, n_second: int, seed: int, stratified: bool = True):
    """Split off `n_second` samples (stratified by label) with a fixed seed; returns (x1, y1, x2, y2)."""
    rng = np.random.default_rng(seed)
    n = len(x)
    n_second = int(min(max(n_second, 0), n - 1))
    if n_second == 0:
        return x, y, x[:0], y[:0]
    if stratified:
        per_class = []
        for c in range(NUM_CLASSES):
            idx = np.flatnonzero(y == c)
            rng.shuffle(idx)
            per_class.append(idx[: int(round(n_second * len(idx) / n))])
        second: np.ndarray = np.concatenate(per_class)
        # rounding may leave us a few short or over; fix from a random permutation of the rest
        if len(second) > n_second:
            second = rng.permutation(second)[:n_second]
        elif len(second) < n_second:
            rest = np.setdiff1d(np.arange(n), second)
            second = np.concatenate([second, rng.choice(rest, n_second - len(second), replace=False)])
    else:
        second = rng.permutation(n)[:n_second]
    mask = np.zeros(n, bool)
    mask[second] = True
    first = rng.permutation(np.flatnonzero(~mask))
    second = rng.permutation(second)
    return x[first], y[first], x[second], y[second]


def _finish(name: str, title: str, x_train, y_train, x_test, y_test, validation_size: int, seed: int,
            class_names=DIGIT_NAMES, notes=()) -> Dataset:
    _check_images_labels(x_train, y_train, f"{title} (train)")
    _check_images_labels(x_test, y_test, f"{title} (test)")
    if validation_size >= len(x_train):
        raise DataError(f"{title}: a validation set of {validation_size:,} leaves no training data "
                        f"(the training split has {len(x_train):,} images).")
    x_tr, y_tr, x_va, y_va = _split(x_train, y_train, validation_size, seed + 1)
    return Dataset(name, title, x_tr, y_tr.astype(np.uint8), x_va, y_va.astype(np.uint8),
                   np.ascontiguousarray(x_test), y_test.astype(np.uint8), tuple(class_names), tuple(notes))


# --------------------------------------------------------------------------- embedded

def load_embedded(validation_size: int = 500, test_size: int = 2000, seed: int = 0) -> Dataset:
    """The 10,000 digits shipped in assets/: stratified 8,000 train / 2,000 test by default."""
    try:
        with np.load(EMBEDDED_FILE) as npz:
            images, labels = npz["images"], npz["labels"]
    except (OSError, KeyError, ValueError, zlib.error) as exc:
        raise DataError(f"{EMBEDDED_FILE}: the embedded MNIST file is missing or damaged ({exc}).") from exc
    _check_images_labels(images, labels, str(EMBEDDED_FILE))
    x_train, y_train, x_test, y_test = _split(images, labels, test_size, seed)
    return _finish("mnist-embedded", "MNIST (embedded subset)", x_train, y_train, x_test, y_test,
                   validation_size, seed)


# --------------------------------------------------------------------------- IDX

_IDX_TYPES: dict[int, Any] = {0x08: np.uint8, 0x09: np.int8, 0x0B: np.dtype(">i2"), 0x0C: np.dtype(">i4"),
              0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file ({exc.strerror or exc}).") from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise DataError(f"{path}: the gzip data is corrupt or truncated ({exc}).") from exc
    return raw


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read one IDX file (raw or .gz) into an array, checking the magic number and the size."""
    path = Path(path)
    raw = _read_bytes(path)
    if len(raw) < 4:
        raise DataError(f"{path}: the file is empty or too short to be an IDX file.")
    zero, dtype_code, ndim = raw[0:2], raw[2], raw[3]
    if zero != b"\x00\x00" or dtype_code not in _IDX_TYPES or not 1 <= ndim <= 4:
        raise DataError(f"{path}: wrong IDX magic number 0x{raw[:4].hex()} — not an IDX file.")
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(f"{path}: the IDX header is truncated.")
    shape = struct.unpack(">" + "I" * ndim, raw[4:header])
    dtype = np.dtype(_IDX_TYPES[dtype_code])
    expected = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(raw) - header < expected:
        raise DataError(f"{path}: the file is truncated: the header promises {expected:,} bytes of data "
                        f"for shape {shape}, but only {len(raw) - header:,} follow.")
    if len(raw) - header > expected:
        raise DataError(f"{path}: {len(raw) - header - expected:,} unexpected bytes after the data.")
    return np.frombuffer(raw, dtype=dtype, count=int(np.prod(shape)), offset=header).reshape(shape)


def _find(folder: Path, kinds: tuple[str, ...], what: str) -> Path:
    names = sorted(p for p in folder.iterdir() if p.is_file())
    for p in names:
        low = p.name.lower()
        if any(low.startswith(k) for k in kinds) and what in low:
            return p
    raise DataError(f"{folder}: no {'/'.join(kinds)} {what} IDX file found "
                    f"(expected names like {kinds[0]}-{what}-idx{3 if what == 'images' else 1}-ubyte.gz).")


def _idx_pair(images_path: Path, labels_path: Path) -> tuple[np.ndarray, np.ndarray]:
    images, labels = read_idx(images_path), read_idx(labels_path)
    if images.ndim != 3:
        raise DataError(f"{images_path}: expected a 3-D IDX image array, found {images.ndim}-D.")
    if labels.ndim != 1:
        raise DataError(f"{labels_path}: expected a 1-D IDX label array, found {labels.ndim}-D.")
    if len(images) != len(labels):
        raise DataError(f"{images_path} has {len(images):,} images but {labels_path} has "
                        f"{len(labels):,} labels; the counts must match.")
    where = str(labels_path)
    if labels.size and (labels.min() < 0 or labels.max() >= NUM_CLASSES):
        bad = labels[(labels < 0) | (labels >= NUM_CLASSES)][0]
        raise DataError(f"{where}: label {int(bad)} is out of range; labels must be 0 to 9.")
    if images.dtype != np.uint8:
        images = np.clip(images, 0, 255).astype(np.uint8)
    return images, labels.astype(np.uint8)


def load_idx_folder(folder: str | os.PathLike, validation_size: int = 5000, seed: int = 0,
                    fashion: bool | None = None) -> Dataset:
    """Read train-*/t10k-* IDX files (raw or .gz) from a folder, e.g. /usr/share/datasets/fashion-mnist."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: no such folder.")
    x_train, y_train = _idx_pair(_find(folder, ("train",), "images"), _find(folder, ("train",), "labels"))
    x_test, y_test = _idx_pair(_find(folder, ("t10k", "test"), "images"), _find(folder, ("t10k", "test"), "labels"))
    if fashion is None:
        fashion = "fashion" in str(folder.resolve()).lower()
    title = "Fashion-MNIST" if fashion else f"IDX data ({folder.name})"
    return _finish("fashion" if fashion else f"idx:{folder}", title, x_train, y_train, x_test, y_test,
                   validation_size, seed, FASHION_NAMES if fashion else DIGIT_NAMES)


# --------------------------------------------------------------------------- CSV

def read_csv(path: str | os.PathLike) -> tuple[np.ndarray, np.ndarray]:
    """Read a CSV in seed 004's format: per row a label then 784 pixel values 0..255 (header optional)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot read the file ({exc}).") from exc
    rows = [ln for ln in lines if ln.strip()]
    if rows and not rows[0].split(",")[0].strip().lstrip("-").replace(".", "", 1).isdigit():
        rows = rows[1:]  # a header line
    if not rows:
        raise DataError(f"{path}: the file holds no data rows.")
    fields = [r.split(",") for r in rows]
    for line, values in enumerate(fields, start=1):
        if len(values) != 785:
            raise DataError(f"{path}: row {line} has {len(values)} values; each row must hold a label "
                            f"and 784 pixels (785 values).")
    try:
        data = np.array(fields, dtype=np.float64)
    except ValueError as exc:
        raise DataError(f"{path}: a value is not a number ({exc}).") from exc
    if not np.isfinite(data).all():
        row, col = (int(v) for v in np.argwhere(~np.isfinite(data))[0])
        what = "the label" if col == 0 else f"pixel {col}"
        raise DataError(f"{path}: row {row + 1}, {what} is {fields[row][col].strip() or 'empty'}; every value must "
                        f"be a number (a missing pixel is not 0).")
    labels, pixels = data[:, 0], data[:, 1:]
    if np.any(labels != np.round(labels)) or labels.min() < 0 or labels.max() > 9:
        bad = labels[(labels != np.round(labels)) | (labels < 0) | (labels > 9)][0]
        raise DataError(f"{path}: label {bad:g} is out of range; labels must be whole numbers 0 to 9.")
    if pixels.min() < 0 or pixels.max() > 255:
        raise DataError(f"{path}: pixel values must lie in 0..255 (found {pixels.min():g}..{pixels.max():g}).")
    if pixels.max() <= 1.0:
        pixels = pixels * 255.0
    return np.rint(pixels).astype(np.uint8).reshape(-1, 28, 28), labels.astype(np.uint8)


def load_csv(path: str | os.PathLike, validation_size: int = 500, test_size: float = 0.2,
             seed: int = 0) -> Dataset:
    """A CSV file; a sibling *_test.csv next to a *_train.csv becomes the test split, else 20% is held out."""
    path = Path(path)
    x, y = read_csv(path)
    sibling = path.with_name(path.name.replace("train", "test")) if "train" in path.name else None
    if sibling is not None and sibling.exists() and sibling != path:
        x_test, y_test = read_csv(sibling)
    else:
        x, y, x_test, y_test = _split(x, y, int(round(len(x) * test_size)), seed)
    validation_size = min(validation_size, max(len(x) // 10, 1)) if len(x) > 1 else 0
    return _finish(f"csv:{path}", f"CSV data ({path.name})", x, y, x_test, y_test, validation_size, seed)


# --------------------------------------------------------------------------- image folders

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp")


UNLABELLED = "unlabelled"    # a folder of images nobody labelled (a class's digits sent without a label): skipped


def image_folder_files(folder: str | os.PathLike) -> dict[int, list[Path]]:
    """The images of an image folder by label: `FOLDER/<0..9>/<name>.<png|jpg|…>` (hidden folders and `unlabelled`
    skipped). DataError when the folder is missing, holds no images, has images outside label folders, or label
    folders that are not 0 to 9."""
    folder = Path(folder)
    if not folder.is_dir():
        raise DataError(f"{folder}: no such folder.")
    files: dict[int, list[Path]] = {}
    bad_labels, loose = [], []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith(".") or entry.name == UNLABELLED:
            continue
        if entry.is_dir():
            images = sorted(p for p in entry.iterdir() if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES
                            and not p.name.startswith("."))
            if entry.name in DIGIT_NAMES:
                if images:
                    files[int(entry.name)] = images
            elif images:
                bad_labels.append(entry.name)
        elif entry.suffix.lower() in IMAGE_SUFFIXES:
            loose.append(entry.name)
    if bad_labels:
        raise DataError(f"{folder}: the folder{'s' if len(bad_labels) > 1 else ''} "
                        f"{', '.join(repr(n) for n in bad_labels[:5])} {'are' if len(bad_labels) > 1 else 'is'} not "
                        f"a label; each image goes in a folder named by its digit, 0 to 9 (FOLDER/7/name.png).")
    if not files:
        hint = (f" ({len(loose)} images lie directly in it; put each in a folder named by its digit, "
                f"FOLDER/7/name.png)") if loose else " (expected FOLDER/0/…png to FOLDER/9/…png)"
        raise DataError(f"{folder}: the folder holds no labelled images{hint}.")
    return files


def read_image_folder(folder: str | os.PathLike) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Every image of an image folder through the drawing's preprocessing (any size, grey or colour, photos of
    paper): (images (N, 28, 28) uint8, labels (N,) uint8, notes about images skipped)."""
    from concurrent.futures import ThreadPoolExecutor

    from tensordesk.engine.data.preprocess import load_image, preprocess_digit
    files = image_folder_files(folder)
    items = [(label, path) for label, paths in sorted(files.items()) for path in paths]

    def read(item):
        label, path = item
        try:
            digit = preprocess_digit(load_image(path))
        except DataError:
            return label, path, None, "unreadable"
        return label, path, digit, None if digit is not None else "blank"

    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        results = list(pool.map(read, items))
    images = [np.rint(d * 255).astype(np.uint8) for _, _, d, _ in results if d is not None]
    labels = [label for label, _, d, _ in results if d is not None]
    notes = []
    for problem, words in (("unreadable", "could not be read as images"), ("blank", "show no digit (blank)")):
        names = [f"{p.parent.name}/{p.name}" for _, p, _, why in results if why == problem]
        if names:
            more = f" and {len(names) - 3} more" if len(names) > 3 else ""
            notes.append(f"{len(names)} file{'s' if len(names) > 1 else ''} {words} and "
                         f"{'were' if len(names) > 1 else 'was'} left out: {', '.join(names[:3])}{more}.")
    if not images:
        raise DataError(f"{folder}: none of its {len(items)} images could be used; "
                        + " ".join(notes).replace("were left out", "").replace("was left out", ""))
    return np.stack(images), np.asarray(labels, np.uint8), notes


def load_image_folder(folder: str | os.PathLike, validation_size: int = 500, test_size: float = 0.2,
                      seed: int = 0) -> Dataset:
    """An image folder: a fifth held out for testing (stratified), a tenth of the rest (at most
    `validation_size`) for validation."""
    folder = Path(folder)
    x, y, notes = read_image_folder(folder)
    if len(x) < 5:
        raise DataError(f"{folder}: only {len(x)} usable image{'s' if len(x) != 1 else ''}; at least 5 are needed "
                        f"to train and test.")
    x, y, x_test, y_test = _split(x, y, max(1, int(round(len(x) * test_size))), seed)
    validation_size = min(validation_size, len(x) // 10)
    return _finish(f"folder:{folder}", f"Image folder ({folder.name})", x, y, x_test, y_test, validation_size,
                   seed, notes=notes)


# --------------------------------------------------------------------------- Keras downloads

def _online(host: str = "storage.googleapis.com", timeout: float = 3.0) -> bool:
    try:
        with socket.create_connection((host, 443), timeout=timeout):
            return True
    except OSError:
        return False


def _keras_cache(name: str) -> Path:
    base = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras"))
    return base / "datasets" / name


def load_mnist(validation_size: int = 5000, seed: int = 0) -> Dataset:
    """Full MNIST through keras.datasets (downloaded once into the Keras cache).

    Offline with no cached copy: the embedded subset, with a note saying why.
    """
    if not _keras_cache("mnist.npz").exists() and not _online():
        ds = load_embedded(seed=seed)
        return Dataset(**{**ds.__dict__, "notes": ("Full MNIST is not downloaded yet and there is no network "
                                                   "connection; using the embedded 10,000 digits instead.",)})
    try:
        import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as exc:  # network errors come in many types (URLError, HTTPError, OSError, ...)
        ds = load_embedded(seed=seed)
        return Dataset(**{**ds.__dict__, "notes": (f"Full MNIST could not be downloaded ({exc}); "
                                                   "using the embedded 10,000 digits instead.",)})
    return _finish("mnist", "MNIST", x_train, y_train, x_test, y_test, validation_size, seed)


def load_fashion(validation_size: int = 5000, seed: int = 0) -> Dataset:
    """Fashion-MNIST: Debian's dataset-fashion-mnist files when installed, else keras.datasets."""
    if DEBIAN_FASHION.is_dir():
        return load_idx_folder(DEBIAN_FASHION, validation_size, seed, fashion=True)
    if not _keras_cache("fashion-mnist").exists() and not _online():
        raise DataError("Fashion-MNIST is not installed and there is no network connection to download it; "
                        "install the Debian package dataset-fashion-mnist or connect and try again.")
    try:
        import keras
        (x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
    except Exception as exc:
        raise DataError(f"Fashion-MNIST could not be downloaded ({exc}).") from exc
    return _finish("fashion", "Fashion-MNIST", x_train, y_train, x_test, y_test, validation_size, seed,
                   FASHION_NAMES)


# --------------------------------------------------------------------------- the registry

@dataclass(frozen=True)
class DataSource:
    """One kind of data TensorDesk trains on. The command line, the exported script and the window's list all
    read `SOURCES`; adding one is one `register(...)` here plus its title's translation (gui/names.py)."""

    key: str                       # "fashion"; a source that reads a path takes it after a colon: "idx:FOLDER"
    title: str                     # as lists show it (translated in the window)
    load: Callable[..., Dataset]   # load(validation_size=…, seed=…), with the path first when `path` is set
    train_size: int | None         # training images with the loader's default splits, known before loading
    export_load: str               # the exported script's expression for (x_train, y_train), (x_test, y_test)
    export_about: str              # the exported script's words for the data; {path} is the path
    path: str = ""                 # "FOLDER" or "FILE" when the user chooses one
    handwritten: bool = False      # MNIST's writers: `--augment` also writes some 1s and 7s the continental way

    def spell(self, path: str = "") -> str:
        """The source string: `fashion`, or `idx:/some/folder`."""
        return f"{self.key}:{path}" if self.path else self.key


SOURCES: dict[str, DataSource] = {}


def register(source: DataSource) -> DataSource:
    SOURCES[source.key] = source
    return source


_BY_KERAS = " (downloaded once by Keras)"
DEFAULT_SOURCE = register(DataSource(
    "mnist-embedded", "MNIST (embedded, 10,000 digits, offline)", load_embedded, 7_500,  # 10,000 − 2,000 − 500
    "keras.datasets.mnist.load_data()",
    "MNIST. TensorDesk trained on its embedded 10,000-digit subset; at home the full set is downloaded once by "
    "Keras", handwritten=True)).key
register(DataSource("mnist", "MNIST (full, 70,000)", load_mnist, 55_000, "keras.datasets.mnist.load_data()",
                    "MNIST: 60,000 training and 10,000 test digits" + _BY_KERAS, handwritten=True))
register(DataSource("fashion", "Fashion-MNIST (70,000)", load_fashion, 55_000,
                    "keras.datasets.fashion_mnist.load_data()",
                    "Fashion-MNIST: 60,000 training and 10,000 test images of clothes" + _BY_KERAS))
register(DataSource("idx", "IDX folder…", load_idx_folder, None, "load_idx_folder({path!r})",
                    "the IDX files in {path}", path="FOLDER"))
register(DataSource("csv", "CSV file…", load_csv, None, "load_csv({path!r})", "the CSV file {path}", path="FILE"))
register(DataSource("folder", "Image folder…", load_image_folder, None, "load_image_folder({path!r})",
                    "the images in {path}, one folder per digit", path="FOLDER"))


def is_handwritten(dataset: Dataset) -> bool:
    """Whether `dataset` is one of the registered MNIST sources (engine/data/writer_styles.py)."""
    source = SOURCES.get(dataset.name)
    return bool(source and source.handwritten)


def source_names() -> list[str]:
    """How each source is written on the command line: mnist-embedded, …, idx:FOLDER, csv:FILE."""
    return [s.spell(s.path) for s in SOURCES.values()]


def parse_source(text: str) -> tuple[DataSource, str]:
    """`fashion` → (its DataSource, ""); `idx:/data` → (the IDX source, "/data"). DataError when unknown."""
    key, colon, path = (text or DEFAULT_SOURCE).partition(":")
    source = SOURCES.get(key)
    if source is None or bool(source.path) != bool(colon):
        raise DataError(f"unknown data set '{text}'; choose one of {', '.join(source_names())}.")
    if source.path and not path:
        raise DataError(f"'{text}' needs a path after the colon ({source.spell(source.path)}).")
    return source, path


def known_source(text: str) -> DataSource | None:
    """The DataSource a source string names, or None when it names none."""
    try:
        return parse_source(text)[0]
    except DataError:
        return None


def known_train_size(source: str) -> int | None:
    """How many training images `source` has, when that is known without loading it (else None)."""
    kind = known_source(source)
    return kind.train_size if kind else None


def load_dataset(source: str = DEFAULT_SOURCE, validation_size: int | None = None, seed: int = 0) -> Dataset:
    """Load a data set by its source string (see `source_names`)."""
    kind, path = parse_source(source)
    kw = {} if validation_size is None else {"validation_size": validation_size}
    return kind.load(path, seed=seed, **kw) if kind.path else kind.load(seed=seed, **kw)
