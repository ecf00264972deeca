"""dwconv3x3_112x112x32: one DepthwiseConv2dNative 3x3, 32 channels on 112x112
(MobileNet).

A microbenchmark of scripts/bench.py --micro, not a network: x float32
[batch, 112, 112, 32] -> y [batch, 112, 112, 32], 3x3 kernel, stride 1,
SAME padding, no bias or activation, so the op's FLOPs are all the work.
The kernel is a frozen constant. Fetch: y.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp",
                         "DepthwiseConv2dNative"})

H = W = 112
C = 32


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w = tf.Variable((rng.standard_normal((3, 3, C, 1)) / np.sqrt(3 * 3))
                    .astype(np.float32), name="w")

    def fn(x):
        y = tf.nn.depthwise_conv2d(x, w, strides=[1, 1, 1, 1], padding="SAME",
                                   name="y")
        return {"y": y}

    return common.freeze(fn, [common.Input("x", "float32", (None, H, W, C))])
