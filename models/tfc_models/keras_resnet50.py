"""keras_resnet50: Keras' ResNet50 (64x64, 1000 classes).

tf.keras.applications.ResNet50(weights=None, input_shape=(64, 64, 3),
classifier_activation=None) with its ImageNet top (global average pool,
Dense), input float32 [batch, 64, 64, 3] uniform in [-128, 128) (caffe
preprocessing leaves mean-subtracted BGR pixels of about that range), frozen
from a tf.function calling the model with training=False, as mobilenet_v2.py
does: fetches logits and probs (softmax outside the model). 32x32 is the
smallest size ResNet50 accepts, but there its last feature maps are 1x1 and
the references are as noisy as the e2e tolerance (TensorFlow with and
without oneDNN differ by 5e-4 in the logits); at 64x64 (2x2) they differ by
2e-4. Seeded weights, batch norms calibrated on 64 images (keras_apps.py).
ZeroPadding2D gives Pad (3 and 1 pixels), the stem MaxPool 3x3/2 VALID,
bottleneck residuals AddV2, Keras 3 conv biases Reshape [1,1,1,C] + the
Dense bias Squeeze; batch norm is the unfused Rsqrt/Mul/Sub/AddV2. The graph
is ~99 MB (25.6 M float weights).
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 64

ALLOWED_OPS = frozenset({
    "AddV2", "BiasAdd", "Const", "Conv2D", "Identity", "MatMul", "MaxPool",
    "Mean", "Mul", "NoOp", "Pad", "Placeholder", "Relu", "Reshape",
    "Rsqrt", "Softmax", "Squeeze", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.ResNet50, SIZE, rng,
        keras_common.uniform_sample(-128.0, 128.0))
