"""conv3x3_35x35x64_96: one Conv2D 3x3, 64 -> 96 channels on 35x35.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
single_conv2d): x float32 [batch, 35, 35, 64] -> y [batch, 35, 35, 96],
3x3 kernel, stride 1, SAME padding, no bias or activation. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.single_conv2d(35, 35, 64, 96, 3, rng)
