"""mobilenet_v1_050: MobileNet v1, width 0.5, 224x224, TF-for-Poets form.

tf.keras.applications.MobileNet(weights=None, alpha=0.5, include_top=False,
pooling='avg') with a new Dense softmax layer over 5 classes, frozen as
TF-for-Poets' retrain.py left it: feed node `input` float32
[batch, 224, 224, 3] (values in [-1, 1]), fetch node `final_result`. Seeded
weights and calibrated batch norms (see keras_common.py).
"""

import tensorflow as tf

from . import keras_common

ALPHA = 0.5
SIZE = 224

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "Conv2D", "DepthwiseConv2dNative",
    "Pad", "Relu6", "Rsqrt", "Mul", "Sub", "AddV2", "Mean", "MatMul",
    "BiasAdd", "Softmax",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    base = tf.keras.applications.MobileNet(
        weights=None, alpha=ALPHA, input_shape=(SIZE, SIZE, 3),
        include_top=False, pooling="avg")
    return keras_common.poets_model(base, rng, "input",
                                    keras_common.uniform_sample(-1.0, 1.0))
