"""How to train: `TrainConfig` (frozen, validated, as plain data for checkpoints, run records and presets), the
architectures' teaching defaults and the seeds' own settings, and a batch size a small data set can fill."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.core.settings import LEARNING_RATE, check, setting
from tensordesk.engine.models.architectures import ARCHITECTURES, ModelSpec
from tensordesk.engine.models.optimizers import ADAM, get_optimizer

SCHEDULES = ("constant", "exponential")


@dataclass(frozen=True)
class TrainConfig:
    """How to train. Learning-rate decay multiplies by `decay_rate` every `decay_epochs` epochs."""

    epochs: int = setting(5, low=1, help="passes over the training images")
    batch_size: int = setting(64, low=1, help="images per step", label="batch size")
    optimizer: str = setting(ADAM, help="a key of the optimizer registry")   # checked against OPTIMIZERS
    learning_rate: float = setting(1e-3, positive=True, help=LEARNING_RATE.help, label=LEARNING_RATE.label)
    momentum: float = setting(0.9, low=0.0, high=0.999, help="SGD momentum (the optimizers that take one)")
    lr_schedule: str = setting("constant", choices=SCHEDULES, help="learning-rate schedule",
                               label="the learning-rate schedule")
    decay_rate: float = setting(0.96, positive=True, high=1.0, help="exponential decay per decay epoch",
                                label="decay rate")
    decay_epochs: float = setting(1.0, positive=True, high=10_000.0, help="epochs between decays",
                                  label="decay epochs")
    staircase: bool = setting(True, help="decay in steps, not continuously")
    ema: bool = setting(False, help="evaluate with an exponential moving average of the weights")
    ema_momentum: float = setting(0.99, low=0.0, high=0.9999, help="the average's momentum",
                                  label="EMA momentum")
    seed: int = setting(0, low=0, high=2**31 - 1, help="random seed")
    max_train_samples: int | None = None   # train on the first N (tests, quick demos)
    histogram_every: int = setting(0, low=0, high=1_000_000, help="batches between histograms; 0: none")
    histogram_bins: int = setting(30, low=2, high=1000, help="bins of each histogram")
    probe_size: int = setting(256, low=1, high=100_000, help="validation images the activation histograms see")
    evaluate_test: bool = setting(True, help="evaluate on the test split at the end")
    trajectory_per_epoch: int = setting(0, low=0, high=1000, help="weight snapshots an epoch for the landscape")
    log_dir: str | None = None             # TensorBoard: each run writes its own sub-folder here
    augment: bool = setting(False, help="random rotation, shift, zoom, elastic distortion and stroke width "
                                         "(engine/data/augment.py); continental 1s, 7s, 9s on MNIST "
                                         "(engine/data/writer_styles.py)")

    def validate(self, train_size: int | None = None) -> TrainConfig:
        """Every declared setting (engine/core/settings.py), the optimizer's name, and a batch the data can fill."""
        check(self)
        if train_size is not None and self.batch_size > train_size:
            raise ConfigError(f"batch size {self.batch_size} is larger than the {train_size:,} training images.")
        get_optimizer(self.optimizer)
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
