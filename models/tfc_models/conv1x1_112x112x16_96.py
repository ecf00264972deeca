"""conv1x1_112x112x16_96: one Conv2D 1x1, 16 -> 96 channels on 112x112.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
single_conv2d): MobileNetV2's first expansion, a 1x1 layer whose k (16) is
short, so that the cost of each tile's set-up shows. x float32 [batch, 112,
112, 16] -> y [batch, 112, 112, 96], 1x1 kernel, stride 1, SAME padding, no
bias or activation. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.single_conv2d(112, 112, 16, 96, 1, rng)
