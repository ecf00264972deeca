"""conv3x3_35x35x64_96: one Conv2D 3x3, 64 -> 96 channels on 35x35.

A microbenchmark of scripts/bench.py --micro, not a network: x float32
[batch, 35, 35, 64] -> y [batch, 35, 35, 96], 3x3 kernel, stride 1,
SAME padding, no bias or activation, so the op's FLOPs are all the work.
The kernel is a frozen constant. Fetch: y.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "Conv2D"})

H = W = 35
C = 64
F = 96


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w = tf.Variable((rng.standard_normal((3, 3, C, F)) / np.sqrt(3 * 3 * C))
                    .astype(np.float32), name="w")

    def fn(x):
        return {"y": tf.nn.conv2d(x, w, strides=1, padding="SAME", name="y")}

    return common.freeze(fn, [common.Input("x", "float32", (None, H, W, C))])
