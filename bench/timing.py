"""The timing helpers of the benchmarks: the median of repeated runs, and the medians of runs taken in turn."""

import statistics
import time


def median_seconds(fn, runs: int) -> float:
    return medians_seconds([fn], runs)[0]


def medians_seconds(fns, runs: int) -> list[float]:
    """Each function's median, the functions run one after the other in each round: a ratio of two of them holds
    while the machine's speed drifts (on a shared 2-core host the same query's median moved ±30% within minutes)."""
    times = [[] for _ in fns]
    for _ in range(runs):
        for fn, kept in zip(fns, times):
            start = time.perf_counter()
            fn()
            kept.append(time.perf_counter() - start)
    return [statistics.median(kept) for kept in times]
