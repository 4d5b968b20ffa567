"""Shared fixtures. Qt runs offscreen unless a test session sets another platform (e.g. GL tests under Xvfb)."""
import atexit
import dataclasses
import os
import shutil
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Nothing from the host's shell or home folder reaches the tests (subprocesses inherit this too): the same
# language and number format everywhere, no display scaling, no Keras config or cache, no cluster.
# The user's data folder (QStandardPaths: collected digits) is a temporary one too.
os.environ.update(LANG="C.UTF-8", LC_ALL="C.UTF-8", KERAS_HOME=tempfile.mkdtemp(prefix="tensordesk-tests-keras-"),
                  XDG_DATA_HOME=tempfile.mkdtemp(prefix="tensordesk-tests-data-"))
atexit.register(shutil.rmtree, os.environ["KERAS_HOME"], True)
atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], True)
for _name in ("LANGUAGE", "QT_SCALE_FACTOR", "QT_SCREEN_SCALE_FACTORS", "QT_FONT_DPI", "QT_ENABLE_HIGHDPI_SCALING",
              "TF_CONFIG", "KERAS_BACKEND", "KERAS_MAX_EPOCHS", "KERAS_MAX_STEPS_PER_EPOCH"):
    os.environ.pop(_name, None)

import pytest  # noqa: E402  (after the environment above is set: Qt and Keras read it on import)


@pytest.fixture(scope="session")
def embedded():
    from tensordesk.engine.data.datasets import load_embedded
    return load_embedded()


@pytest.fixture(scope="session")
def tiny(embedded):
    """1,000 train / 200 validation / 500 test digits: enough to beat chance in one epoch."""
    return dataclasses.replace(embedded, x_train=embedded.x_train[:1000], y_train=embedded.y_train[:1000],
                               x_val=embedded.x_val[:200], y_val=embedded.y_val[:200],
                               x_test=embedded.x_test[:500], y_test=embedded.y_test[:500])
