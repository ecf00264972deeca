"""rnn_while: a recurrent net whose time loop is a tf.while_loop.

x float32 [batch, T=7, 8], standard normal. A tf.function loops over time
with tf.while_loop: x_t = tf.gather(x, t, axis=1) (GatherV2 with the loop
counter as index), h = tanh(x_t Wx + h Wh + b) with h [batch, 12] starting
at zeros; a Dense (MatMul + BiasAdd) maps the last h to 4 outputs, and the
step count comes out too. Frozen with common.freeze, which lowers the
functional While to TensorFlow 1's loop nodes (Enter, Merge, Switch,
LoopCond, NextIteration, Exit), as every TF2 model frozen with
convert_variables_to_constants_v2 has them. Fetches: y, h (the last state)
and steps (int32).
"""

import numpy as np
import tensorflow as tf

from . import common

STEPS = 7
FEATURES = 8
UNITS = 12
OUTPUTS = 4

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Enter", "Merge", "Switch",
    "LoopCond", "NextIteration", "Exit", "Less", "AddV2", "GatherV2",
    "MatMul", "BiasAdd", "Tanh", "Shape", "StridedSlice", "Pack", "Fill",
    "LogicalAnd",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w_x = tf.Variable((rng.standard_normal((FEATURES, UNITS)) /
                       np.sqrt(FEATURES)).astype(np.float32), name="w_x")
    w_h = tf.Variable((rng.standard_normal((UNITS, UNITS)) /
                       np.sqrt(UNITS)).astype(np.float32), name="w_h")
    bias = tf.Variable((rng.standard_normal(UNITS) * 0.1).astype(np.float32),
                       name="bias")
    dense_w = tf.Variable((rng.standard_normal((UNITS, OUTPUTS)) /
                           np.sqrt(UNITS)).astype(np.float32), name="dense_w")
    dense_b = tf.Variable((rng.standard_normal(OUTPUTS) * 0.05)
                          .astype(np.float32), name="dense_b")

    def fn(x):
        h0 = tf.zeros(tf.stack([tf.shape(x)[0], UNITS]), name="h0")

        def step(t, h):
            x_t = tf.gather(x, t, axis=1)
            h = tf.tanh(tf.nn.bias_add(tf.matmul(x_t, w_x) +
                                       tf.matmul(h, w_h), bias))
            return t + 1, h

        steps, h = tf.while_loop(lambda t, h: t < STEPS, step,
                                 [tf.constant(0), h0], name="time")
        y = tf.nn.bias_add(tf.matmul(h, dense_w), dense_b, name="y")
        return {"y": y, "h": tf.identity(h, name="h"),
                "steps": tf.identity(steps, name="steps")}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, STEPS, FEATURES))])
