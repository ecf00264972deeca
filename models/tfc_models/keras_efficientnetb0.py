"""keras_efficientnetb0: Keras' EfficientNetB0 (32x32, 1000 classes).

tf.keras.applications.EfficientNetB0(weights=None, input_shape=(32, 32, 3),
classifier_activation=None) with its ImageNet top, input float32 [batch, 32,
32, 3] uniform in [0, 255) (the model holds its own preprocessing), frozen
from a tf.function calling the model with training=False, as mobilenet_v2.py
does: fetches logits and probs (softmax outside the model). 32x32 is the
smallest size the application accepts. The stem is Rescaling(1/255) (Mul) and
a Normalization layer, given ImageNet's RGB mean and variance here as the
ImageNet weights would (Sub, Sqrt, Maximum, RealDiv on constants). swish is
tf.nn.silu, whose custom gradient leaves x * Sigmoid(x) wrapped in an
IdentityN (3 float inputs: the product, x and the beta Const; only output 0
is read) in the frozen graph; squeeze-and-excitation blocks use Mean over
[1, 2] then a Reshape to [batch, 1, 1, C] whose shape is Pack(StridedSlice(
Shape(x)), 1, 1, C) and Sigmoid gates (Mul); MBConv blocks Pad (correct_pad:
[0,1] / [1,2]) + DepthwiseConv2dNative stride 2 VALID, residual AddV2. Dropout
is the identity in inference. Seeded weights, batch norms calibrated on 64
images (keras_apps.py). ~21 MB.
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 32

ALLOWED_OPS = frozenset({
    "AddV2", "BiasAdd", "Const", "Conv2D", "DepthwiseConv2dNative",
    "Identity", "IdentityN", "MatMul", "Maximum", "Mean", "Mul", "NoOp",
    "Pack", "Pad", "Placeholder", "RealDiv", "Reshape", "Rsqrt", "Shape",
    "Sigmoid", "Softmax", "Sqrt", "Squeeze", "StridedSlice", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.EfficientNetB0, SIZE, rng,
        keras_common.uniform_sample(0.0, 255.0))
