"""keras_xception: Keras' Xception (71x71, 1000 classes).

tf.keras.applications.Xception(weights=None, input_shape=(71, 71, 3),
classifier_activation=None) with its ImageNet top, input float32 [batch, 71,
71, 3] uniform in [-1, 1) (tf preprocessing), frozen from a tf.function
calling the model with training=False, as mobilenet_v2.py does: fetches
logits and probs (softmax outside the model). 71x71 is the smallest size the
application accepts. Its 34 SeparableConv2D layers (no bias) are
DepthwiseConv2dNative 3x3 SAME + Conv2D 1x1 VALID; residual branches 1x1
Conv2D stride 2 SAME; MaxPool 3x3/2 SAME; Rsqrt/Mul/Sub/AddV2 batch norms.
Seeded weights (SeparableConv2D in keras_apps.py), batch norms calibrated on
64 images. ~88 MB (22.9 M float weights).
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 71

ALLOWED_OPS = frozenset({
    "AddV2", "BiasAdd", "Const", "Conv2D", "DepthwiseConv2dNative",
    "Identity", "MatMul", "MaxPool", "Mean", "Mul", "NoOp", "Placeholder",
    "Relu", "Rsqrt", "Softmax", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.Xception, SIZE, rng,
        keras_common.uniform_sample(-1.0, 1.0))
