"""linear: y = m * x + b with scalar constants m = 0.5 and b = 2.0.

The smallest useful model: one Placeholder x float32 [batch, 1], a Mul and an
AddV2 with scalar Const operands (broadcasting), fetched as y. The weights are
fixed, not seeded, so the committed demo graph models/linear/linear.pbtxt
(`generate.py linear --text-out ...`) does not depend on a seed.
"""

import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS

SLOPE = 0.5
INTERCEPT = 2.0


def build(batch, rng):
    del batch, rng  # The graph has an unknown batch and fixed weights.

    def fn(x):
        m = tf.constant(SLOPE, tf.float32, name="m")
        b = tf.constant(INTERCEPT, tf.float32, name="b")
        return {"y": tf.add(tf.multiply(m, x, name="mx"), b, name="y")}

    return common.freeze(fn, [common.Input("x", "float32", (None, 1))])
