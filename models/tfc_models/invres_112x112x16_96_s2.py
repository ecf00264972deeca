"""invres_112x112x16_96_s2: MobileNetV2's first stride-2 block on 112x112.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
inverted_residual): x float32 [batch, 112, 112, 16]; 1x1 Conv2D to 96
channels + bias + Relu6 (a 4.8 MB activation at batch 1), 3x3 depthwise
stride 2 + bias + Relu6, 1x1 Conv2D to 24 channels + bias -> y [batch, 56,
56, 24]. The block where MobileNetV2 spends the most time at batch 1, and
whose expanded activation does not fit in L2. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D",
                         "DepthwiseConv2dNative", "BiasAdd", "Relu6"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.inverted_residual(112, 112, 16, 96, 24, 2, rng)
