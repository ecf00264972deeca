"""invres_56x56x24_144: a MobileNetV2 block with its residual, on 56x56.

A microbenchmark of scripts/bench.py --micro, not a network (common.py's
inverted_residual): x float32 [batch, 56, 56, 24]; 1x1 Conv2D to 144
channels + bias + Relu6, 3x3 depthwise stride 1 + bias + Relu6, 1x1 Conv2D
to 24 channels + bias, plus x -> y [batch, 56, 56, 24]. Fetch: y.
"""

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D",
                         "DepthwiseConv2dNative", "BiasAdd", "Relu6", "AddV2"})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return common.inverted_residual(56, 56, 24, 144, 24, 1, rng)
