import numpy as np
import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.inspection.landscape import loss_landscape, project, random_directions
from tensordesk.engine.models.architectures import default_spec
from tensordesk.engine.training.config import default_config
from tensordesk.engine.training.trainer import Trainer


@pytest.fixture(scope="module")
def trained(tiny):
    cfg = default_config("mlp", epochs=2, batch_size=50, trajectory_per_epoch=4, evaluate_test=False)
    trainer = Trainer(default_spec("mlp"), cfg, tiny)
    result = trainer.run()
    return trainer, result


def cross_entropy(model, x, y):
    p = np.asarray(model(x.astype(np.float32) / 255, training=False), dtype=np.float64)
    return float(np.mean(-np.log(np.clip(p[np.arange(len(y)), y], 1e-7, 1))))


def test_the_trajectory_is_kept_along_training(trained):
    trainer, result = trained
    traj = result["trajectory"]
    size = sum(int(np.prod(v.shape)) for v in trainer.model.trainable_variables)
    assert traj.shape == (1 + 2 * 4, size)  # the start, then 4 per epoch (20 steps: every 5)
    flat = np.concatenate([np.asarray(v).ravel() for v in trainer.model.trainable_variables])
    np.testing.assert_array_equal(traj[-1], flat)  # the last point is the trained weights


def test_grid_values_are_the_loss_at_the_perturbed_weights(trained, tiny):
    trainer, result = trained
    model = trainer.model
    before = [np.asarray(v).copy() for v in model.trainable_variables]
    x, y = tiny.x_test[:200], tiny.y_test[:200].astype(int)
    land = loss_landscape(model, x, y, grid=5, directions="random", trajectory=result["trajectory"], seed=3)
    assert land.loss.shape == (5, 5) and land.alphas.tolist() == [-1, -0.5, 0, 0.5, 1]
    for v, w in zip(model.trainable_variables, before):  # the model got its weights back
        np.testing.assert_array_equal(np.asarray(v), w)
    assert land.loss[2, 2] == pytest.approx(cross_entropy(model, x, y), rel=1e-4)
    assert land.center_loss == pytest.approx(land.loss[2, 2], rel=1e-6)
    # recompute one off-centre point by hand: w* + α d1 + β d2
    d1, d2 = random_directions(model.trainable_variables, 3)
    flat = np.concatenate([w.ravel() for w in before]).astype(np.float64)
    moved = flat + land.alphas[4] * d1 + land.betas[1] * d2
    start = 0
    for v in model.trainable_variables:
        n = int(np.prod(v.shape))
        v.assign(moved[start:start + n].reshape(v.shape).astype(np.float32))
        start += n
    assert land.loss[4, 1] == pytest.approx(cross_entropy(model, x, y), rel=1e-4)
    for v, w in zip(model.trainable_variables, before):
        v.assign(w)
    assert land.loss[2, 2] < land.loss[0, 0] and land.loss[2, 2] < land.loss[4, 4]  # trained: a valley
    np.testing.assert_allclose(land.trajectory[-1], [0, 0], atol=1e-6)  # the path ends at the centre


def test_pca_directions_span_the_path_and_need_a_trajectory(trained, tiny):
    trainer, result = trained
    x, y = tiny.x_test[:100], tiny.y_test[:100]
    land = loss_landscape(trainer.model, x, y, grid=3, directions="pca", trajectory=result["trajectory"])
    np.testing.assert_allclose(land.trajectory[-1], [0, 0], atol=1e-5)
    assert np.abs(land.trajectory[:, 0]).max() <= land.alphas[-1] and land.alphas[-1] > 0
    with pytest.raises(ConfigError, match="trajectory"):
        loss_landscape(trainer.model, x, y, directions="pca")
    with pytest.raises(ConfigError, match="grid"):
        loss_landscape(trainer.model, x, y, grid=1)


def test_random_directions_are_filter_normalised(trained):
    variables = trained[0].model.trainable_variables
    d1, _ = random_directions(variables, 0)
    kernel = np.asarray(variables[0])  # hidden1 (784, 500)
    part = d1[:kernel.size].reshape(kernel.shape)
    np.testing.assert_allclose(np.linalg.norm(part, axis=0), np.linalg.norm(kernel, axis=0), rtol=1e-6)
    bias = np.asarray(variables[1])
    assert not d1[kernel.size:kernel.size + bias.size].any()  # biases get no direction
    points = np.stack([np.ones(3), np.zeros(3)])
    np.testing.assert_allclose(project(points, np.zeros(3), np.array([1., 1, 1]), np.array([1., -1, 0])),
                               [[1, 0], [0, 0]], atol=1e-12)
