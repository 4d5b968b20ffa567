"""Throughput of synchronous vs asynchronous data-parallel training (the data-parallel lab's engine).

    python bench/data_parallel.py [--workers 2 4] [--delays 0 50] [--sync-steps 100] [--async-steps 300]

For each number of workers and each delay added to one worker's steps, runs the MNIST MLP (batch 64 per worker,
SGD 0.05) synchronously (MirroredStrategy over logical CPUs: all-reduce, one update for all) and asynchronously
(ParameterServerStrategy over an in-process gRPC cluster: each worker updates on its own), each in a fresh
process, and prints examples/s, the steps each worker computed, and the final loss. Synchronous throughput
should follow the slowest worker; asynchronous should not.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    ap.add_argument("--delays", type=float, nargs="+", default=[0.0, 50.0], help="ms added to worker 0's steps")
    ap.add_argument("--sync-steps", type=int, default=100)
    ap.add_argument("--async-steps", type=int, default=300)
    args = ap.parse_args()
    from tensordesk.engine.labs.parallel import ParallelSettings, run_headless
    print(f"{'workers':>7} {'delay ms':>8} {'mode':>5} {'examples/s':>11} {'worker steps':>22} {'loss':>6} "
          f"{'test acc':>8}")
    for n in args.workers:
        for delay in args.delays:
            for mode, steps in (("sync", args.sync_steps), ("async", args.async_steps)):
                r = run_headless(ParallelSettings(mode=mode, workers=n, delay_ms=delay, steps=steps))
                print(f"{n:>7} {delay:>8.0f} {mode:>5} {r['examples_per_s']:>11,.0f} "
                      f"{str(list(r['worker_steps'])):>22} {r['final_loss']:>6.3f} {r['test_accuracy']:>8.1%}",
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
