"""keras_mobilenetv3small: Keras' MobileNetV3Small (32x32, 1000 classes).

tf.keras.applications.MobileNetV3Small(weights=None, input_shape=(32, 32, 3),
classifier_activation=None) with its top, input float32 [batch, 32, 32, 3]
uniform in [0, 255) (include_preprocessing: a Rescaling to [-1, 1], Mul +
AddV2), frozen from a tf.function calling the model with training=False, as
mobilenet_v2.py does: fetches logits and probs (softmax outside the model).
32x32 is the smallest size the application accepts. hard_swish and
hard_sigmoid are x * Relu6(x + 3) / 6 (AddV2, Relu6, Mul, RealDiv by a
Const); squeeze-and-excitation is Mean over [1, 2] with keep_dims true, 1x1
Conv2D, Relu, hard_sigmoid, Mul; the head is Mean (keep_dims), 1x1 Conv2D
stacks and a Flatten (Reshape to Pack(StridedSlice(Shape(x)), 1000)); stride-2
depthwise convolutions come after Pad ([0,1] / [1,2]). Seeded weights, batch
norms calibrated on 64 images (keras_apps.py). ~10 MB.
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 32

ALLOWED_OPS = frozenset({
    "AddV2", "BiasAdd", "Const", "Conv2D", "DepthwiseConv2dNative",
    "Identity", "Mean", "Mul", "NoOp", "Pack", "Pad", "Placeholder",
    "RealDiv", "Relu", "Relu6", "Reshape", "Rsqrt", "Shape", "Softmax",
    "Squeeze", "StridedSlice", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.MobileNetV3Small, SIZE, rng,
        keras_common.uniform_sample(0.0, 255.0))
