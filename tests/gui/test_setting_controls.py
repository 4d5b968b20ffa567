"""The window's lab and training controls offer the declared ranges (engine/core/settings.py): what a control lets
you type, validation and the command line accept too."""
from tensordesk.engine.core.settings import declared


def _assert_spin_matches(spin, cls, name, within=None):
    s = declared(cls)[name]
    low, high = within if within is not None else (s.low, s.high)
    assert (spin.minimum(), spin.maximum()) == (low, high), name
    assert s.problem(name, spin.minimum()) is None and s.problem(name, spin.maximum()) is None, name


def test_the_labs_controls_are_their_declarations(qtbot):
    from tensordesk.engine.labs.batchnorm import BNSettings
    from tensordesk.engine.labs.curvefit import FitSettings
    from tensordesk.engine.labs.parallel import ParallelSettings
    from tensordesk.gui.labs.batchnorm_lab import BatchNormLabView
    from tensordesk.gui.labs.descent_lab import DescentLabView
    from tensordesk.gui.labs.parallel_lab import DataParallelLab
    from tensordesk.gui.session import Session
    bn = BatchNormLabView(Session())
    qtbot.addWidget(bn)
    e = bn.experiment
    for spin, name in ((e.layers_spin, "layers"), (e.units_spin, "units"), (e.steps_spin, "steps"),
                       (e.batch_spin, "batch_size")):
        _assert_spin_matches(spin, BNSettings, name)
    for spin, name, within in ((e.sigma_spin, "weight_std", (0.01, 10.0)), (e.lr_spin, "learning_rate", (1e-5, 1.0)),
                               (e.record_spin, "record_every", (1, 10_000)), (e.seed_spin, "seed", (0, 1_000_000))):
        _assert_spin_matches(spin, BNSettings, name, within)
    assert [e.activation.itemData(i) for i in range(e.activation.count())] == list(
        declared(BNSettings)["activation"].choices)
    descent = DescentLabView(None)
    qtbot.addWidget(descent)
    fit = descent.curve_fit
    for spin, name in ((fit.hidden_spin, "hidden"), (fit.steps_spin, "steps"), (fit.seed_spin, "seed")):
        _assert_spin_matches(spin, FitSettings, name)
    _assert_spin_matches(fit.lr_spin, FitSettings, "learning_rate", (1e-4, 10.0))
    _assert_spin_matches(descent.experiment.steps_spin, type(descent.experiment.defaults), "steps")
    lab = DataParallelLab(None)
    qtbot.addWidget(lab)
    _assert_spin_matches(lab.workers_spin, ParallelSettings, "workers")
    _assert_spin_matches(lab.batch_spin, ParallelSettings, "batch_per_worker", (8, 1024))
    _assert_spin_matches(lab.lr_spin, ParallelSettings, "learning_rate", (0.001, 1.0))
    lab.shutdown()


def test_the_training_controls_offer_a_part_of_the_declared_range(qtbot):
    from tensordesk.engine.training.config import TrainConfig
    from tensordesk.gui.train.experiment_panel import ExperimentPanel
    panel = ExperimentPanel()
    qtbot.addWidget(panel)
    _assert_spin_matches(panel.epochs_spin, TrainConfig, "epochs", (1, 1000))
    _assert_spin_matches(panel.batch_spin, TrainConfig, "batch_size", (1, 8192))
    _assert_spin_matches(panel.decay_spin, TrainConfig, "decay_rate", (0.5, 1.0))
    assert tuple(panel.schedule_combo.itemData(i) for i in range(panel.schedule_combo.count())) == \
        declared(TrainConfig)["lr_schedule"].choices
