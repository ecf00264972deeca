"""keras_densenet121: Keras' DenseNet121 (32x32, 1000 classes).

tf.keras.applications.DenseNet121(weights=None, input_shape=(32, 32, 3),
classifier_activation=None) with its ImageNet top, input float32 [batch, 32,
32, 3] uniform in [-2, 2) (torch preprocessing: ImageNet-standardized RGB),
frozen from a tf.function calling the model with training=False, as
mobilenet_v2.py does: fetches logits and probs (softmax outside the model).
32x32 is the smallest size the application accepts. Dense blocks give 58
ConcatV2 on the channel axis (axis 3, up to 1024 channels), transitions
AvgPool 2x2/2 VALID; pre-activation BN (Rsqrt/Mul/Sub/AddV2) + Relu before
every bias-free Conv2D; stem Pad + MaxPool 3x3/2. Seeded weights, batch norms
calibrated on 64 images (keras_apps.py). ~32 MB.
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 32

ALLOWED_OPS = frozenset({
    "AddV2", "AvgPool", "BiasAdd", "ConcatV2", "Const", "Conv2D",
    "Identity", "MatMul", "MaxPool", "Mean", "Mul", "NoOp", "Pad",
    "Placeholder", "Relu", "Reshape", "Rsqrt", "Softmax", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.DenseNet121, SIZE, rng,
        keras_common.uniform_sample(-2.0, 2.0))
