"""mnist_cnn: the TensorFlow Layers tutorial CNN for MNIST digits.

x float32 [batch, 28, 28, 1], pixels in [0, 1]. conv 5x5x32 SAME + ReLU ->
max pool 2x2/2 -> conv 5x5x64 SAME + ReLU -> max pool 2x2/2 -> flatten
(Reshape to [-1, 7*7*64]) -> dense 1024 + ReLU -> dropout (inference: an
Identity) -> dense 10. Convolutions are Conv2D + BiasAdd, dense layers MatMul
+ BiasAdd, as tf.layers emitted them. Fetches: logits and probs (softmax).
Weights are seeded tf.Variables, He-scaled.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS | {"Conv2D", "MaxPool"}


def _variable(rng, shape, fan_in, name):
    values = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    return tf.Variable(values.astype(np.float32), name=name)


def _bias(rng, size, name):
    return tf.Variable((rng.standard_normal(size) * 0.05).astype(np.float32),
                       name=name)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return two_conv_net(rng, kernel=5, conv1=32, conv2=64, dense=1024,
                        dropout=True)


def two_conv_net(rng, kernel, conv1, conv2, dense, dropout):
    """The tutorial's layer stack with these sizes: conv kernel x kernel x
    conv1, pool, conv kernel x kernel x conv2, pool, dense, [dropout], 10.
    mnist_small_cnn is the same net, smaller."""
    k1 = _variable(rng, (kernel, kernel, 1, conv1), kernel * kernel * 1,
                   "conv1/kernel")
    b1 = _bias(rng, conv1, "conv1/bias")
    k2 = _variable(rng, (kernel, kernel, conv1, conv2),
                   kernel * kernel * conv1, "conv2/kernel")
    b2 = _bias(rng, conv2, "conv2/bias")
    w3 = _variable(rng, (7 * 7 * conv2, dense), 7 * 7 * conv2, "dense/kernel")
    b3 = _bias(rng, dense, "dense/bias")
    w4 = _variable(rng, (dense, 10), dense, "logits/kernel")
    b4 = _bias(rng, 10, "logits/bias")

    def conv_relu(x, kernel, bias, name):
        y = tf.nn.conv2d(x, kernel, strides=1, padding="SAME")
        return tf.nn.relu(tf.nn.bias_add(y, bias), name=name)

    def fn(x):
        c1 = conv_relu(x, k1, b1, "conv1")
        pool1 = tf.nn.max_pool2d(c1, 2, 2, "VALID", name="pool1")
        c2 = conv_relu(pool1, k2, b2, "conv2")
        pool2 = tf.nn.max_pool2d(c2, 2, 2, "VALID", name="pool2")
        flat = tf.reshape(pool2, [-1, 7 * 7 * conv2], name="pool2_flat")
        hidden = tf.nn.relu(tf.nn.bias_add(tf.matmul(flat, w3), b3),
                            name="dense")
        if dropout:
            hidden = tf.identity(hidden, name="dropout")  # rate 0.4, inference
        logits = tf.nn.bias_add(tf.matmul(hidden, w4), b4, name="logits")
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, 28, 28, 1), _pixels)])


def _pixels(rng, shape):
    """Image inputs in [0, 1], as the tutorial's preprocessing leaves them."""
    return rng.uniform(0.0, 1.0, size=shape)
