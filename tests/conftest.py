"""Shared fixtures. Qt runs offscreen unless a test session sets another platform (e.g. GL tests under Xvfb)."""
import dataclasses
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def embedded():
    from engine.datasets import load_embedded
    return load_embedded()


@pytest.fixture(scope="session")
def tiny(embedded):
    """1,000 train / 200 validation / 500 test digits: enough to beat chance in one epoch."""
    return dataclasses.replace(embedded, x_train=embedded.x_train[:1000], y_train=embedded.y_train[:1000],
                               x_val=embedded.x_val[:200], y_val=embedded.y_val[:200],
                               x_test=embedded.x_test[:500], y_test=embedded.y_test[:500])
