"""mlp: a two-layer perceptron, 16 inputs -> 32 hidden (ReLU) -> 10 classes.

x float32 [batch, 16]; layer 1 is MatMul + BiasAdd + Relu, layer 2 MatMul +
BiasAdd, then Softmax. Weights are seeded with He-style scaling so the
activations stay around unit size. Fetches: logits and probs (the softmax),
so an error in the matmuls is not hidden by the softmax's saturation.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS

INPUTS = 16
HIDDEN = 32
CLASSES = 10


def _dense(rng, fan_in, fan_out, name):
    scale = np.sqrt(2.0 / fan_in)
    w = rng.standard_normal((fan_in, fan_out)) * scale
    b = rng.standard_normal(fan_out) * 0.1
    return (tf.Variable(w.astype(np.float32), name=f"{name}/kernel"),
            tf.Variable(b.astype(np.float32), name=f"{name}/bias"))


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w1, b1 = _dense(rng, INPUTS, HIDDEN, "dense1")
    w2, b2 = _dense(rng, HIDDEN, CLASSES, "dense2")

    def fn(x):
        hidden = tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w1), b1), name="hidden")
        logits = tf.nn.bias_add(tf.matmul(hidden, w2), b2, name="logits")
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(fn, [common.Input("x", "float32", (None, INPUTS))])
