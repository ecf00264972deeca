"""logistic_regression: sigmoid(x @ W + b) over 4 features and 3 classes.

x float32 [batch, 4]; W [4, 3] and b [3] are seeded tf.Variables frozen into
Consts. Ops: MatMul, BiasAdd, Sigmoid, and a second fetch with Softmax over the
same logits. Fetches: probs (sigmoid, one-vs-rest) and softmax.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS

FEATURES = 4
CLASSES = 3


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    w = tf.Variable(rng.standard_normal((FEATURES, CLASSES)).astype(np.float32),
                    name="W")
    b = tf.Variable(rng.standard_normal(CLASSES).astype(np.float32) * 0.1,
                    name="b")

    def fn(x):
        logits = tf.nn.bias_add(tf.matmul(x, w), b, name="logits")
        return {"probs": tf.math.sigmoid(logits, name="probs"),
                "softmax": tf.nn.softmax(logits, name="softmax")}

    return common.freeze(fn, [common.Input("x", "float32", (None, FEATURES))])
