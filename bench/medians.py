"""The timing both Blosc baselines use: run a call RUNS times, keep its last result and the median wall time."""
import statistics
import time

RUNS = 5


def median_seconds(fn, runs=RUNS):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, statistics.median(times)
