"""conv3x3_56x56x64_64: one Conv2D 3x3, 64 -> 64 channels on 56x56 (MobileNet/ResNet).

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
single_conv2d): x float32 [batch, 56, 56, 64] -> y [batch, 56, 56, 64],
3x3 kernel, stride 1, SAME padding, no bias or activation. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.single_conv2d(56, 56, 64, 64, 3, rng)
