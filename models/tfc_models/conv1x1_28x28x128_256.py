"""conv1x1_28x28x128_256: one Conv2D 1x1, 128 -> 256 channels on 28x28.

A microbenchmark of scripts/bench.py --micro, not a network: x float32
[batch, 28, 28, 128] -> y [batch, 28, 28, 256], 1x1 kernel, stride 1,
SAME padding, no bias or activation, so the op's FLOPs are all the work.
The kernel is a frozen constant. Fetch: y.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})

H = W = 28
C = 128
F = 256


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w = tf.Variable((rng.standard_normal((1, 1, C, F)) / np.sqrt(1 * 1 * C))
                    .astype(np.float32), name="w")

    def fn(x):
        return {"y": tf.nn.conv2d(x, w, strides=1, padding="SAME", name="y")}

    return common.freeze(fn, [common.Input("x", "float32", (None, H, W, C))])
