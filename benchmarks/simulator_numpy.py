#!/usr/bin/env python3
"""Vectorised NumPy reference of `staleness simulate` (normal model), for the speed comparison.

Same model as the Swift simulator: worker w's k-th arrival is at the sum of its first k compute
times ~ N(1, sigma^2) (non-positive draws redrawn); the server applies arrivals in time order, ties to
the lower worker id; the staleness of arrival (w, k) is rank(w, k) - rank(w, k-1) - 1 (rank = number
of earlier arrivals), and rank(w, 0) for the first. The first warmup*N arrivals are discarded and the
next `gradients` recorded. Sort-based: per-worker cumulative sums -> one stable argsort of all arrival
times -> ranks -> staleness by differencing.

Prints one JSON object: workers, gradients, seconds and cpu_seconds (simulation only, no I/O; wall
clock and process CPU time), gradients_per_second and gradients_per_second_cpu (warm-up arrivals
included, as the Swift tool counts), mean and sd of the staleness.
"""
import argparse
import json
import time

import numpy as np


def simulate(workers, sigma, gradients, warmup, seed):
    rng = np.random.default_rng(seed)
    needed = warmup * workers + gradients
    # Each worker needs enough arrivals that all of them outlast the last recorded arrival; the
    # margin covers the random-walk spread of a worker's clock (sd sigma*sqrt(k)).
    per_worker = needed // workers + 1
    per_worker += int(8 * sigma * np.sqrt(per_worker)) + 8
    times = rng.normal(1.0, sigma, size=(workers, per_worker))
    bad = times <= 0
    while bad.any():
        times[bad] = rng.normal(1.0, sigma, size=int(bad.sum()))
        bad = times <= 0
    arrivals = np.cumsum(times, axis=1).ravel()          # worker-major: index = w * per_worker + k
    order = np.argsort(arrivals, kind="stable")          # stable: equal times keep lower worker first
    ranks = np.empty(arrivals.size, dtype=np.int64)
    ranks[order] = np.arange(arrivals.size, dtype=np.int64)
    ranks = ranks.reshape(workers, per_worker)
    if arrivals[order[needed - 1]] >= arrivals.reshape(workers, per_worker)[:, -1].min():
        raise RuntimeError("not enough arrivals per worker; increase the margin")
    staleness = np.empty_like(ranks)
    staleness[:, 0] = ranks[:, 0]
    staleness[:, 1:] = ranks[:, 1:] - ranks[:, :-1] - 1
    keep = (ranks >= warmup * workers) & (ranks < needed)
    return staleness[keep]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=32)
    parser.add_argument("--sigma", type=float, default=0.2)
    parser.add_argument("--gradients", type=int, default=10_000_000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start, cpu_start = time.perf_counter(), time.process_time()
    staleness = simulate(args.workers, args.sigma, args.gradients, args.warmup, args.seed)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    arrivals = args.gradients + args.warmup * args.workers
    print(json.dumps({
        "workers": args.workers, "gradients": int(staleness.size), "seconds": seconds,
        "cpu_seconds": cpu_seconds, "gradients_per_second": arrivals / seconds,
        "gradients_per_second_cpu": arrivals / cpu_seconds,
        "mean": float(staleness.mean()), "sd": float(staleness.std()),
    }))


if __name__ == "__main__":
    main()
