"""mnist_small_cnn: an MNIST-sized CNN for microcontrollers (256 KB of RAM).

x float32 [batch, 28, 28, 1], pixels in [0, 1]. conv 3x3x8 SAME + ReLU ->
max pool 2x2/2 -> conv 3x3x16 SAME + ReLU -> max pool 2x2/2 -> flatten
(Reshape to [-1, 7*7*16]) -> dense 32 + ReLU -> dense 10. Fetches: logits
and probs (softmax). 26,698 weights (104 KiB of float32, in flash); the
largest activation is 28x28x8 floats (25 KiB), so arena, input and outputs
fit a 256 KB Cortex-M with room to spare. Written in mnist_cnn's style
(tf.nn ops over seeded, He-scaled tf.Variables); test/mcu runs it on the
Cortex-M boards.
"""

import tensorflow as tf

from . import common
from .mnist_cnn import _bias, _pixels, _variable

ALLOWED_OPS = common.BASIC_OPS | {"Conv2D", "MaxPool"}


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    k1 = _variable(rng, (3, 3, 1, 8), 3 * 3 * 1, "conv1/kernel")
    b1 = _bias(rng, 8, "conv1/bias")
    k2 = _variable(rng, (3, 3, 8, 16), 3 * 3 * 8, "conv2/kernel")
    b2 = _bias(rng, 16, "conv2/bias")
    w3 = _variable(rng, (7 * 7 * 16, 32), 7 * 7 * 16, "dense/kernel")
    b3 = _bias(rng, 32, "dense/bias")
    w4 = _variable(rng, (32, 10), 32, "logits/kernel")
    b4 = _bias(rng, 10, "logits/bias")

    def conv_relu(x, kernel, bias, name):
        y = tf.nn.conv2d(x, kernel, strides=1, padding="SAME")
        return tf.nn.relu(tf.nn.bias_add(y, bias), name=name)

    def fn(x):
        conv1 = conv_relu(x, k1, b1, "conv1")
        pool1 = tf.nn.max_pool2d(conv1, 2, 2, "VALID", name="pool1")
        conv2 = conv_relu(pool1, k2, b2, "conv2")
        pool2 = tf.nn.max_pool2d(conv2, 2, 2, "VALID", name="pool2")
        flat = tf.reshape(pool2, [-1, 7 * 7 * 16], name="pool2_flat")
        dense = tf.nn.relu(tf.nn.bias_add(tf.matmul(flat, w3), b3), name="dense")
        logits = tf.nn.bias_add(tf.matmul(dense, w4), b4, name="logits")
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, 28, 28, 1), _pixels)])
