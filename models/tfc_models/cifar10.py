"""cifar10: the TensorFlow CIFAR-10 tutorial model (cifar10.inference).

images float32 [batch, 24, 24, 3] (the tutorial's cropped images), values in
[0, 1]. conv1 5x5x64 SAME + BiasAdd + ReLU -> max pool 3x3/2 SAME -> LRN
(depth_radius 4, bias 1.0, alpha 0.001/9, beta 0.75) -> conv2 5x5x64 SAME +
BiasAdd + ReLU -> LRN -> max pool 3x3/2 SAME -> flatten (Reshape [-1, 6*6*64])
-> local3 384 (MatMul + add + ReLU) -> local4 192 (MatMul + add + ReLU) ->
softmax_linear 10 (MatMul + add). The dense layers add their biases with `+`
(AddV2), as the tutorial does. Fetch: logits. Weights are seeded, He-scaled.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS | {"Conv2D", "MaxPool", "LRN"}


def _variable(rng, shape, fan_in, name):
    values = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    return tf.Variable(values.astype(np.float32), name=name)


def _bias(rng, size, name):
    return tf.Variable((rng.standard_normal(size) * 0.05).astype(np.float32),
                       name=name)


def _lrn(x, name):
    return tf.nn.lrn(x, 4, bias=1.0, alpha=0.001 / 9.0, beta=0.75, name=name)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    k1 = _variable(rng, (5, 5, 3, 64), 5 * 5 * 3, "conv1/weights")
    b1 = _bias(rng, 64, "conv1/biases")
    k2 = _variable(rng, (5, 5, 64, 64), 5 * 5 * 64, "conv2/weights")
    b2 = _bias(rng, 64, "conv2/biases")
    w3 = _variable(rng, (6 * 6 * 64, 384), 6 * 6 * 64, "local3/weights")
    b3 = _bias(rng, 384, "local3/biases")
    w4 = _variable(rng, (384, 192), 384, "local4/weights")
    b4 = _bias(rng, 192, "local4/biases")
    w5 = _variable(rng, (192, 10), 192, "softmax_linear/weights")
    b5 = _bias(rng, 10, "softmax_linear/biases")

    def fn(images):
        conv = tf.nn.conv2d(images, k1, [1, 1, 1, 1], padding="SAME")
        conv1 = tf.nn.relu(tf.nn.bias_add(conv, b1), name="conv1")
        pool1 = tf.nn.max_pool2d(conv1, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1],
                                 padding="SAME", name="pool1")
        norm1 = _lrn(pool1, "norm1")
        conv = tf.nn.conv2d(norm1, k2, [1, 1, 1, 1], padding="SAME")
        conv2 = tf.nn.relu(tf.nn.bias_add(conv, b2), name="conv2")
        norm2 = _lrn(conv2, "norm2")
        pool2 = tf.nn.max_pool2d(norm2, ksize=[1, 3, 3, 1], strides=[1, 2, 2, 1],
                                 padding="SAME", name="pool2")
        reshape = tf.reshape(pool2, [-1, 6 * 6 * 64])
        local3 = tf.nn.relu(tf.matmul(reshape, w3) + b3, name="local3")
        local4 = tf.nn.relu(tf.matmul(local3, w4) + b4, name="local4")
        logits = tf.add(tf.matmul(local4, w5), b5, name="softmax_linear")
        return {"logits": logits}

    return common.freeze(
        fn, [common.Input("images", "float32", (None, 24, 24, 3), _pixels)])


def _pixels(rng, shape):
    """Image inputs in [0, 1], as the tutorial's preprocessing leaves them."""
    return rng.uniform(0.0, 1.0, size=shape)
