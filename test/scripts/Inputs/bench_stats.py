"""Prints scripts/bench.py's statistics for fixed inputs (bench-stats.test)."""

import sys

sys.path.insert(0, sys.argv[1])
import bench  # noqa: E402  (standard library only at import)

for n in (5, 6, 20, 60):
    print(f"interval n={n}: {bench.median_interval(range(n))}")

# A machine that slows down round after round: the medians over all runs
# scatter, the ratio of each round's pair does not.
tfc = [1.0, 1.2, 1.5, 2.0, 1.1, 1.3]
peer = [0.9 * t for t in tfc]
print("paired:", [round(r, 6) for r in bench.paired_ratios(peer, tfc)])

results = {
    "tfc": bench.Timing(1.0, tfc),
    "tf": "n/a: not installed",
    "ort": bench.Timing(3.0, [3.0] * 6),
    "litert": bench.Timing(0.9, peer),
}
print("row:", bench.format_row(("m", "1", "1"), results,
                               ["tfc", "tf", "ort", "litert"]))
# Fewer than six rounds: the ratio alone.
results = {"tfc": bench.Timing(1.0, [1.0] * 3),
           "litert": bench.Timing(1.1, [1.1] * 3)}
print("short:", bench.format_row(("m", "1", "1"), results, ["tfc", "litert"]))

# Thread scaling: each engine's 1-thread median over its 2-thread one; tfc's
# with the interval of the per-round ratio (here 1.8 in every round).
one = [3.0, 3.3, 3.6, 4.0, 3.0, 3.3]
base = {"tfc": bench.Timing(3.6, one), "tf": bench.Timing(10.0, [10.0] * 6),
        "ort": bench.Timing(5.0, [5.0] * 6)}
two = {"tfc": bench.Timing(2.0, [t / 1.8 for t in one]),
       "tf": bench.Timing(8.0, [8.0] * 6), "ort": "n/a: failed"}
print("scaling:", bench.format_scaling(("m", "1", "2"), base, two,
                                       ["tfc", "tf", "ort", "litert"]))

# Round trips before each round, with tfc's speedup at 2 threads in it (a
# round whose round trip could not be measured: n/a).
print("trips:", bench.format_round_trips(
    {"m batch 1": [58.4, 461.0, None]}, {"m batch 1": {2: [1.8, 1.5]}}))
