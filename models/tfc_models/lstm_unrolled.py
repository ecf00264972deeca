"""lstm_unrolled: a statically unrolled LSTM, as TF1's static_rnn built it.

x float32 [batch, T=6, 8], standard normal. tf.unstack along time (one
Unpack, axis 1, num 6), then six LSTM steps with shared weights, as
tf.compat.v1.nn.static_rnn over a BasicLSTMCell (and tf2onnx's unrolled-LSTM
test graphs) have them: gates = BiasAdd(MatMul(ConcatV2([x_t, h], axis 1),
W [8+16, 64]), b); i, j, f, o = Split(gates, 4, axis 1); c = c * Sigmoid(f +
forget_bias) + Sigmoid(i) * Tanh(j); h = Tanh(c) * Sigmoid(o). The initial
state is zeros of [batch, 16] made from the input's dynamic batch (Shape,
StridedSlice, Pack, Fill, as `cell.zero_state(tf.shape(x)[0])` does). A final
Dense (MatMul + BiasAdd) maps the last h to 5 outputs. Plain tf ops in a
tf.function over seeded tf.Variables, frozen with common.freeze. Fetches: y
(the Dense output) and c (the last cell state).
"""

import numpy as np
import tensorflow as tf

from . import common

STEPS = 6
FEATURES = 8
UNITS = 16
OUTPUTS = 5
FORGET_BIAS = 1.0

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Unpack", "ConcatV2",
    "MatMul", "BiasAdd", "Split", "Sigmoid", "Tanh", "Mul", "AddV2",
    "Shape", "StridedSlice", "Pack", "Fill",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    fan_in = FEATURES + UNITS
    kernel = tf.Variable(
        (rng.standard_normal((fan_in, 4 * UNITS)) / np.sqrt(fan_in))
        .astype(np.float32), name="rnn/lstm_cell/kernel")
    bias = tf.Variable((rng.standard_normal(4 * UNITS) * 0.1)
                       .astype(np.float32), name="rnn/lstm_cell/bias")
    dense_w = tf.Variable(
        (rng.standard_normal((UNITS, OUTPUTS)) / np.sqrt(UNITS))
        .astype(np.float32), name="dense/kernel")
    dense_b = tf.Variable((rng.standard_normal(OUTPUTS) * 0.05)
                          .astype(np.float32), name="dense/bias")

    def fn(x):
        steps = tf.unstack(x, num=STEPS, axis=1, name="unstack")
        batch_size = tf.shape(x)[0]
        c = tf.zeros(tf.stack([batch_size, UNITS]), name="zero_c")
        h = tf.zeros(tf.stack([batch_size, UNITS]), name="zero_h")
        for t, x_t in enumerate(steps):
            with tf.name_scope(f"lstm_cell_{t}"):
                gates = tf.nn.bias_add(
                    tf.matmul(tf.concat([x_t, h], axis=1), kernel), bias)
                i, j, f, o = tf.split(gates, num_or_size_splits=4, axis=1)
                c = (c * tf.sigmoid(f + FORGET_BIAS) +
                     tf.sigmoid(i) * tf.tanh(j))
                h = tf.tanh(c) * tf.sigmoid(o)
        y = tf.nn.bias_add(tf.matmul(h, dense_w), dense_b, name="y")
        return {"y": y, "c": tf.identity(c, name="c")}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, STEPS, FEATURES))])
