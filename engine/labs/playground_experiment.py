"""The 2-D playground's experiment as data: its declared settings, the learner's own points and the controls a
lecturer hid, written as a short text code (`pg1-…`) or a `.json` file and read back with one sentence on any
mistake. The same experiment twice trains the same network on the same points, bit for bit (same machine)."""
from __future__ import annotations

import base64
import binascii
import json
import os
import zlib
from dataclasses import asdict, dataclass, fields

import numpy as np

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.settings import check, declared, setting
from tensordesk.engine.labs.playground_data import DATASETS, FEATURES, RADIUS, make_points, split
from tensordesk.engine.models.optimizers import OPTIMIZERS, SGD

ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")
MAX_LAYERS, MAX_NEURONS, MAX_CLASSES = 6, 8, 4
CODE_PREFIX = "pg1-"
MAX_OWN_POINTS = 2000


@dataclass(frozen=True)
class PlaygroundSettings:
    """Playground's own defaults: the circle, x₁ and x₂, two hidden layers of 4 and 2 tanh neurons, SGD at 0.03,
    batch 10, half the points for training."""

    data: str = setting("circle", choices=tuple(DATASETS), help="the data set", cli="--data")
    noise: int = setting(0, low=0, high=50, help="noise, in percent", cli="--noise")
    train_share: int = setting(50, low=10, high=90, help="percent of the points trained on (the rest test)",
                               cli="--train-share", label="the training share")
    points: int = setting(500, low=20, high=2000, help="points in a generated data set", cli="--points")
    data_seed: int = setting(0, low=0, high=2**31 - 1, help="seed of the generated points", cli="--data-seed")
    features: str = setting("x1,x2", help="input features, any of " + ",".join(FEATURES), cli="--features")
    layers: str = setting("4,2", help=f"neurons of each hidden layer (0–{MAX_LAYERS} layers of 1–{MAX_NEURONS}), "
                          "e.g. 8,8, or none", cli="--layers", label="the hidden layers")
    activation: str = setting("tanh", help="relu, tanh, sigmoid or linear: one for every hidden layer, or one per "
                              "layer (relu,tanh)", cli="--activation")
    regularization: str = setting("none", choices=("none", "l1", "l2"), help="weight penalty",
                                  cli="--regularization")
    reg_rate: float = setting(0.0, low=0.0, high=10.0, help="the penalty's rate", cli="--reg-rate",
                              label="the regularisation rate")
    dropout: float = setting(0.0, low=0.0, high=0.9, help="dropout after each hidden layer", cli="--dropout")
    batch_size: int = setting(10, low=1, high=1000, help="points per training step", cli="--batch-size",
                              label="the batch size")
    learning_rate: float = setting(0.03, positive=True, high=10.0, help="the optimizer's learning rate",
                                   cli="--lr", label="the learning rate")
    optimizer: str = setting(SGD, choices=tuple(OPTIMIZERS), help="the optimizer", cli="--optimizer")
    seed: int = setting(0, low=0, high=2**31 - 1, help="seed of the initial weights, the shuffling and dropout",
                        cli="--seed")
    epochs: int = setting(500, low=1, high=100_000, help="stop after this many epochs", cli="--epochs")
    stop_loss: float = setting(0.0, low=0.0, high=100.0, help="stop once the test loss is below this (0: never)",
                               cli="--stop-loss", label="the stop loss")
    grid: int = setting(100, low=10, high=200, help="the boundary's resolution (points a side)", cli="--grid")

    # ---------------------------------------------------------------- the parsed lists
    @property
    def feature_keys(self) -> tuple[str, ...]:
        keys = tuple(k.strip() for k in self.features.split(",") if k.strip())
        unknown = [k for k in keys if k not in FEATURES]
        if unknown:
            raise ConfigError(f"unknown feature '{unknown[0]}'; choose any of {', '.join(FEATURES)}.")
        if not keys:
            raise ConfigError(f"choose at least one input feature ({', '.join(FEATURES)}).")
        if len(set(keys)) != len(keys):
            raise ConfigError(f"a feature is named twice in '{self.features}'.")
        return keys

    @property
    def hidden_sizes(self) -> tuple[int, ...]:
        text = self.layers.strip().lower()
        if text in ("", "none", "0"):
            return ()
        try:
            sizes = tuple(int(v) for v in text.split(","))
        except ValueError:
            raise ConfigError(f"the hidden layers are neuron counts separated by commas, like 8,8, or none "
                              f"(got '{self.layers}').") from None
        if len(sizes) > MAX_LAYERS or any(not 1 <= n <= MAX_NEURONS for n in sizes):
            raise ConfigError(f"0–{MAX_LAYERS} hidden layers of 1–{MAX_NEURONS} neurons (got '{self.layers}').")
        return sizes

    @property
    def activations(self) -> tuple[str, ...]:
        names = tuple(a.strip().lower() for a in self.activation.split(",") if a.strip())
        sizes = self.hidden_sizes
        bad = [a for a in names if a not in ACTIVATIONS]
        if bad or not names:
            raise ConfigError(f"the activation is one of {', '.join(ACTIVATIONS)} (got '{self.activation}').")
        if len(names) == 1:
            return names * len(sizes)
        if len(names) != len(sizes):
            raise ConfigError(f"give one activation, or one per hidden layer ({len(sizes)}; got "
                              f"'{self.activation}').")
        return names

    @property
    def task(self) -> str:
        return DATASETS[self.data][1]

    def validate(self) -> PlaygroundSettings:
        check(self)
        self.feature_keys, self.activations   # noqa: B018  (their sentences, now)
        return self

    def replace(self, **changes) -> PlaygroundSettings:
        return PlaygroundSettings(**{**asdict(self), **changes})


@dataclass(frozen=True)
class Experiment:
    """Everything that makes a playground run: the settings, the learner's own points ((x₁, x₂, class), used when
    the data set is "own") and the names of the settings whose controls are hidden."""

    settings: PlaygroundSettings = PlaygroundSettings()
    own_points: tuple = ()
    hidden: tuple = ()

    def validate(self) -> Experiment:
        self.settings.validate()
        unknown = [h for h in self.hidden if h not in declared(PlaygroundSettings)]
        if unknown:
            raise ConfigError(f"'{unknown[0]}' is not a playground setting that can be hidden.")
        if len(self.own_points) > MAX_OWN_POINTS:
            raise ConfigError(f"at most {MAX_OWN_POINTS:,} own points (got {len(self.own_points):,}).")
        for p in self.own_points:
            if len(p) != 3 or not all(np.isfinite(v) for v in p[:2]) or abs(p[0]) > RADIUS or abs(p[1]) > RADIUS \
                    or int(p[2]) != p[2] or not 0 <= int(p[2]) < MAX_CLASSES:
                raise ConfigError(f"an own point is x₁, x₂ within ±{RADIUS:g} and a class 0–{MAX_CLASSES - 1} "
                                  f"(got {list(p)}).")
        return self

    # ---------------------------------------------------------------- as data
    def to_dict(self) -> dict:
        """Only what differs from the defaults: the code stays short."""
        default = PlaygroundSettings()
        changed = {f.name: getattr(self.settings, f.name) for f in fields(PlaygroundSettings)
                   if getattr(self.settings, f.name) != getattr(default, f.name)}
        out: dict = {"settings": changed}
        if self.own_points:
            out["points"] = [[round(float(x), 3), round(float(y), 3), int(c)] for x, y, c in self.own_points]
        if self.hidden:
            out["hidden"] = list(self.hidden)
        return out

    @classmethod
    def from_dict(cls, data) -> Experiment:
        if not isinstance(data, dict) or not isinstance(data.get("settings", {}), dict):
            raise ConfigError("this is not a playground experiment (no \"settings\" object).")
        values = dict(data.get("settings", {}))
        known = declared(PlaygroundSettings)
        for name, value in values.items():
            if name not in known:
                raise ConfigError(f"'{name}' is not a playground setting.")
            kind = known[name].kind
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                values[name] = float(value)
        points = data.get("points", [])
        hidden = data.get("hidden", [])
        if not isinstance(points, list) or not isinstance(hidden, list):
            raise ConfigError("\"points\" and \"hidden\" are lists.")
        try:
            own = tuple((float(p[0]), float(p[1]), int(p[2])) for p in points)
        except (TypeError, ValueError, IndexError):
            raise ConfigError("each own point is [x₁, x₂, class].") from None
        return cls(PlaygroundSettings(**values), own, tuple(str(h) for h in hidden)).validate()

    def code(self) -> str:
        """A short text to paste: `pg1-` and the experiment's JSON, compressed, in URL-safe base64."""
        raw = json.dumps(self.to_dict(), separators=(",", ":"), ensure_ascii=False).encode()
        return CODE_PREFIX + base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode().rstrip("=")

    @classmethod
    def from_code(cls, text: str) -> Experiment:
        text = "".join(str(text).split())
        if not text.startswith(CODE_PREFIX):
            raise ConfigError(f"a playground code starts with '{CODE_PREFIX}'.")
        body = text[len(CODE_PREFIX):]
        try:
            raw = zlib.decompressobj().decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), 1 << 20)
            data = json.loads(raw.decode())
        except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
            raise ConfigError("this playground code is damaged (copy all of it).") from None
        return cls.from_dict(data)

    def save(self, path: str | os.PathLike) -> None:
        from tensordesk.engine.core.files import atomic_write
        text = json.dumps({"playground": 1, **self.to_dict()}, indent=1, ensure_ascii=False) + "\n"
        atomic_write(path, lambda fh: fh.write(text.encode("utf-8")))

    @classmethod
    def load(cls, path: str | os.PathLike) -> Experiment:
        try:
            with open(path, encoding="utf-8") as fh:
                data = json.load(fh)
        except OSError as exc:
            raise ConfigError(f"cannot read {path}: {exc.strerror or exc}.") from None
        except ValueError:
            raise ConfigError(f"{path} is not a playground experiment (not JSON).") from None
        return cls.from_dict(data)


@dataclass(frozen=True)
class PlaygroundData:
    """The points split for training and testing, and what the network predicts."""

    train_xy: np.ndarray      # (n, 2) float32
    train_y: np.ndarray       # (n,) int64 classes, or float32 values
    test_xy: np.ndarray
    test_y: np.ndarray
    task: str                 # "classify" or "regress"
    classes: int              # classes (1 for regression)


def make_data(experiment: Experiment) -> PlaygroundData:
    """The experiment's points (generated, or the learner's own), split by its training share."""
    s = experiment.settings
    task = s.task
    if s.data == "own":
        own = np.asarray(experiment.own_points, float).reshape(-1, 3)
        labels = own[:, 2].astype(np.int64)
        if len(own) < 4 or len(np.unique(labels)) < 2:
            raise ConfigError("click the plane to add your own points: at least four, of at least two classes.")
        xy, y, classes = own[:, :2].astype(np.float32), labels, int(labels.max()) + 1
    else:
        xy, y = make_points(s.data, s.points, s.noise, s.data_seed)
        classes = DATASETS[s.data][2]
    tr, te = split(len(xy), s.train_share, s.data_seed)
    return PlaygroundData(xy[tr], y[tr], xy[te], y[te], task, classes)
