"""conv1x1_28x28x128_256: one Conv2D 1x1, 128 -> 256 channels on 28x28.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
single_conv2d): x float32 [batch, 28, 28, 128] -> y [batch, 28, 28, 256],
1x1 kernel, stride 1, SAME padding, no bias or activation. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.single_conv2d(28, 28, 128, 256, 1, rng)
