"""conv1x1_14x14x512_512: one Conv2D 1x1, 512 -> 512 channels on 14x14.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
single_conv2d): MobileNet v1 1.0's most frequent layer (five of them, over
40% of its time). x float32 [batch, 14, 14, 512] -> y [batch, 14, 14, 512],
1x1 kernel, stride 1, SAME padding, no bias or activation. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.single_conv2d(14, 14, 512, 512, 1, rng)
