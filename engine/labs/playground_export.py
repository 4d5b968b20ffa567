"""The playground's experiment as a standalone Python script: the data code (engine/labs/playground_data.py, copied
in whole, NumPy only), the same network in Keras and `model.fit` with the experiment's settings. It needs only
numpy and TensorFlow, and prints the test accuracy (or loss) it reaches."""
from __future__ import annotations

import inspect

from tensordesk.engine.labs import playground_data
from tensordesk.engine.labs.playground_data import DATASETS
from tensordesk.engine.labs.playground_experiment import Experiment
from tensordesk.engine.models.optimizers import get_optimizer


def script(experiment: Experiment) -> str:
    s = experiment.validate().settings
    task, classes = DATASETS[s.data][1], DATASETS[s.data][2]
    own = [list(p) for p in experiment.own_points]
    if s.data == "own":
        classes = max((int(p[2]) for p in own), default=1) + 1
    out_units = 1 if task == "regress" or classes == 2 else classes
    out_act = "linear" if task == "regress" else "sigmoid" if out_units == 1 else "softmax"
    loss = ("keras.losses.MeanSquaredError()" if task == "regress" else "keras.losses.BinaryCrossentropy()"
            if out_units == 1 else "keras.losses.SparseCategoricalCrossentropy()")
    metrics = "[]" if task == "regress" else "['accuracy']"
    opt = get_optimizer(s.optimizer).export_call(repr(s.learning_rate), 0.9)
    reg = "None" if s.regularization == "none" or s.reg_rate == 0 else \
        f"keras.regularizers.{s.regularization.upper()}({s.reg_rate!r})"
    data_src = inspect.getsource(playground_data).replace("from __future__ import annotations\n", "")
    if s.data == "own":
        make = f"""own = np.array({own!r}, dtype=np.float32)
xy, labels = own[:, :2], own[:, 2].astype(np.int64)"""
    else:
        make = f"xy, labels = make_points({s.data!r}, {s.points}, {s.noise}, {s.data_seed})"
    layers = "\n".join(
        f"x = keras.layers.Dense({n}, activation={None if a == 'linear' else a!r}, kernel_regularizer=reg,\n"
        f"                       kernel_initializer=keras.initializers.GlorotUniform(seed={s.seed + i}))(x)"
        + (f"\nx = keras.layers.Dropout({s.dropout!r}, seed={s.seed + 100 + i})(x)" if s.dropout > 0 else "")
        for i, (n, a) in enumerate(zip(s.hidden_sizes, s.activations)))
    return f'''"""TensorDesk playground experiment, exported as a script.

Code: {experiment.code()}
Data: {s.data}; features: {s.features}; hidden layers: {s.layers} ({s.activation}); {s.optimizer} at {s.learning_rate:g},
batch {s.batch_size}, {s.epochs} epochs. Needs numpy and tensorflow.
"""
# ---- the data, as the playground makes it (TensorDesk's engine/labs/playground_data.py) ----
{data_src}

# ---- the experiment ----
import keras

{make}
train, test = split(len(xy), {s.train_share}, {s.data_seed})
keys = {list(s.feature_keys)!r}
x_train, x_test = features(xy[train], keys), features(xy[test], keys)
y_train, y_test = labels[train], labels[test]

reg = {reg}
inputs = keras.Input((len(keys),))
x = inputs
{layers}
outputs = keras.layers.Dense({out_units}, activation={None if out_act == 'linear' else out_act!r},
                             kernel_initializer=keras.initializers.GlorotUniform(seed={s.seed + 99}))(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer={opt}, loss={loss}, metrics={metrics})
model.fit(x_train, y_train, batch_size={s.batch_size}, epochs={s.epochs}, shuffle=True, verbose=0)
results = model.evaluate(x_test, y_test, verbose=0, return_dict=True)
print("test", ", ".join(f"{{k}} {{v:.4f}}" for k, v in results.items()))
'''
