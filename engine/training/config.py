"""How to train: `TrainConfig` (frozen, validated, as plain data for checkpoints, run records and presets), the
architectures' teaching defaults and the seeds' own settings, and a batch size a small data set can fill."""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec
from tensordesk.engine.models.optimizers import ADAM, get_optimizer

SCHEDULES = ("constant", "exponential")


@dataclass(frozen=True)
class TrainConfig:
    """How to train. Learning-rate decay multiplies by `decay_rate` every `decay_epochs` epochs."""

    epochs: int = 5
    batch_size: int = 64
    optimizer: str = ADAM
    learning_rate: float = 1e-3
    momentum: float = 0.9
    lr_schedule: str = "constant"
    decay_rate: float = 0.96
    decay_epochs: float = 1.0
    staircase: bool = True
    ema: bool = False
    ema_momentum: float = 0.99
    seed: int = 0
    max_train_samples: int | None = None   # train on the first N (tests, quick demos)
    histogram_every: int = 0                  # batches between HistogramsReady events; 0 = none
    histogram_bins: int = 30
    probe_size: int = 256                     # validation images the activation histograms look at
    evaluate_test: bool = True
    trajectory_per_epoch: int = 0             # weight snapshots per epoch kept for the loss landscape; 0 = none
    log_dir: str | None = None             # TensorBoard: each run writes its own sub-folder here
    augment: bool = False                     # random rotation, shift, zoom and stroke width (engine/data/augment.py)

    def validate(self, train_size: int | None = None) -> TrainConfig:
        if not isinstance(self.epochs, int) or self.epochs < 1:
            raise ConfigError(f"epochs must be a whole number of at least 1 (got {self.epochs}).")
        if not isinstance(self.batch_size, int) or self.batch_size < 1:
            raise ConfigError(f"batch size must be a whole number of at least 1 (got {self.batch_size}).")
        if train_size is not None and self.batch_size > train_size:
            raise ConfigError(f"batch size {self.batch_size} is larger than the {train_size:,} training images.")
        if not (isinstance(self.learning_rate, (int, float)) and math.isfinite(self.learning_rate)
                and self.learning_rate > 0):
            raise ConfigError(f"the learning rate must be a positive number (got {self.learning_rate}).")
        get_optimizer(self.optimizer)
        if self.lr_schedule not in SCHEDULES:
            raise ConfigError(f"unknown schedule '{self.lr_schedule}'; choose one of {', '.join(SCHEDULES)}.")
        if not 0 < self.decay_rate <= 1 or self.decay_epochs <= 0:
            raise ConfigError("decay rate must be in (0, 1] and decay epochs positive.")
        if not 0 <= self.ema_momentum < 1:
            raise ConfigError("EMA momentum must be in [0, 1).")
        return self

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> TrainConfig:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def fitting_batch_size(batch_size: int, train_size: int) -> int:
    """A batch size the data set can fill, for when the user did not choose one: `batch_size` when the training
    split holds at least that many images, else about a quarter of them (a few steps an epoch)."""
    if batch_size <= train_size:
        return batch_size
    return max(1, train_size // 4)


def default_config(arch: str, **overrides) -> TrainConfig:
    """Good teaching defaults for `arch`, then `overrides`."""
    return TrainConfig(**{**ARCHITECTURES[arch].train_defaults, **overrides})


def seed_settings(arch: str) -> tuple[dict, dict]:
    """The seed tutorial's own settings for `arch`, split into (ModelSpec fields, TrainConfig fields)."""
    spec_fields = {f.name for f in dataclasses.fields(ModelSpec)}
    settings = ARCHITECTURES[arch].seed_settings
    return ({k: v for k, v in settings.items() if k in spec_fields},
            {k: v for k, v in settings.items() if k not in spec_fields})
