"""The data-parallel lab on TensorFlow's own distributed engine (each run in its own process)."""
import socket

import pytest

from tensordesk.engine.core.errors import ConfigError
from tensordesk.engine.labs.parallel import ParallelSettings, WorkerSpans, run_headless


def _port_is_free(port: int) -> bool:
    """Nothing listens there: a new server could (SO_REUSEADDR, as servers bind, past closed connections'
    TIME_WAIT; a port still listened on refuses it)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("localhost", port))
            s.listen()
        except OSError:
            return False
    return True


def test_asynchronous_training_learns_and_releases_its_servers_ports():
    r = run_headless(ParallelSettings(mode="async", workers=2, steps=150, delay_ms=20))
    assert r["test_accuracy"] > 0.5                  # chance is 0.1
    assert len(r["ports"]) == 3                      # two workers and a parameter server
    assert all(_port_is_free(p) for p in r["ports"])
    assert sum(r["worker_steps"]) == r["steps"] == 150
    fast, slow = r["worker_steps"][1], r["worker_steps"][0]
    assert fast > slow                               # nobody waits for the slowed worker
    assert len(r["losses"]) == 150


def test_synchronous_steps_wait_for_the_slowest_worker():
    events = []
    r = run_headless(ParallelSettings(mode="sync", workers=2, steps=20, delay_ms=40), events.append)
    assert r["worker_steps"] == (20, 20)             # every worker does every step
    spans = [s for e in events if isinstance(e, WorkerSpans) for s in e.spans]
    assert len(spans) == 40
    by_step = {}
    for worker, step, start, ready, end in spans:
        by_step.setdefault(step, {})[worker] = (start, ready, end)
    for workers in by_step.values():
        (s0, r0, e0), (_, r1, e1) = workers[0], workers[1]
        assert e0 == e1                              # one update for both
        assert r0 - s0 >= 0.035                      # the slowed worker computes for 40 ms or more
        assert e1 - r1 >= 0.03                       # and the other waits for it
    assert r["seconds"] >= 20 * 0.04                 # so the step rate follows the slowest worker
    assert r["test_accuracy"] > 0.3


def test_settings_are_checked():
    with pytest.raises(ConfigError, match="slow worker"):
        ParallelSettings(workers=2, slow_worker=3).validate()
    with pytest.raises(ConfigError, match="sync or async"):
        ParallelSettings(mode="both").validate()
