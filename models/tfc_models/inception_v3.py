"""inception_v3: Keras' InceptionV3 (299x299, 1000 classes).

tf.keras.applications.InceptionV3(weights=None) with its ImageNet top, input
float32 [batch, 299, 299, 3] in [-1, 1] (Inception preprocessing), frozen
from a tf.function that calls the model with training=False, as a SavedModel
signature. Conv2D VALID and SAME with 1x1 to 7x1 and 1x7 kernels, batch norm
without scale, MaxPool 3x3/2, AvgPool 3x3/1 SAME, ConcatV2 of the branches.
The classifier's softmax is applied outside the model
(classifier_activation=None, then tf.nn.softmax: the same ops) so that
`logits` can be fetched beside `probs`: 1000 probabilities near 1e-3 alone
would hide small errors. Seeded weights and calibrated batch norms
(keras_common.py). About 95 MB frozen.
"""

import tensorflow as tf

from . import common, keras_common

SIZE = 299

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Conv2D", "Reshape", "Rsqrt",
    "Mul", "Sub", "AddV2", "Relu", "MaxPool", "AvgPool", "ConcatV2", "Mean",
    "MatMul", "BiasAdd", "Softmax",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    sample = keras_common.uniform_sample(-1.0, 1.0)
    model = keras_common.seeded_model(tf.keras.applications.InceptionV3(
        weights=None, input_shape=(SIZE, SIZE, 3),
        classifier_activation=None), rng, sample)
    spec = common.Input("input", "float32", (None, SIZE, SIZE, 3), sample)

    def fn(x):
        logits = model(x, training=False)
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(fn, [spec])
