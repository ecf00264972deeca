"""inception_v3_poets: Inception v3 at 299x299 in TF-for-Poets form.

tf.keras.applications.InceptionV3(weights=None, include_top=False,
pooling='avg') with a new Dense softmax layer over 5 classes, frozen as
TF-for-Poets' retrain.py left it for Inception: the image is fed at node
`Mul` (in the original graph the output of the preprocessing Mul; here a
Placeholder of that name) float32 [batch, 299, 299, 3] in [-1, 1], and node
`final_result` is fetched. Seeded weights and calibrated batch norms
(keras_common.py).
"""

import tensorflow as tf

from . import keras_common

SIZE = 299

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "Conv2D", "Reshape", "Rsqrt", "Mul",
    "Sub", "AddV2", "Relu", "MaxPool", "AvgPool", "ConcatV2", "Mean",
    "MatMul", "BiasAdd", "Softmax",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    base = tf.keras.applications.InceptionV3(
        weights=None, input_shape=(SIZE, SIZE, 3), include_top=False,
        pooling="avg")
    return keras_common.poets_model(base, rng, "Mul",
                                    keras_common.uniform_sample(-1.0, 1.0))
