"""conv3x3_56x56x64_64: one Conv2D 3x3, 64 -> 64 channels on 56x56 (MobileNet/ResNet).

A microbenchmark of scripts/bench.py --micro, not a network: x float32
[batch, 56, 56, 64] -> y [batch, 56, 56, 64], 3x3 kernel, stride 1,
SAME padding, no bias or activation, so the op's FLOPs are all the work.
The kernel is a frozen constant. Fetch: y.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})

H = W = 56
C = 64
F = 64


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w = tf.Variable((rng.standard_normal((3, 3, C, F)) / np.sqrt(3 * 3 * C))
                    .astype(np.float32), name="w")

    def fn(x):
        return {"y": tf.nn.conv2d(x, w, strides=1, padding="SAME", name="y")}

    return common.freeze(fn, [common.Input("x", "float32", (None, H, W, C))])
