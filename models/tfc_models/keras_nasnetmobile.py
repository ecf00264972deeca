"""keras_nasnetmobile: Keras' NASNetMobile (32x32, 1000 classes).

tf.keras.applications.NASNetMobile(weights=None, input_shape=(32, 32, 3),
classifier_activation=None) with its ImageNet top (include_top works at any
size >= 32 with weights=None; only ImageNet weights need 224x224), input
float32 [batch, 32, 32, 3] uniform in [-1, 1) (tf preprocessing), frozen
from a tf.function calling the model with training=False, as mobilenet_v2.py
does: fetches logits and probs (softmax outside the model). Normal and
reduction cells: 160 bias-free SeparableConv2D (DepthwiseConv2dNative 3x3 /
5x5 / 7x7, SAME stride 1 or VALID stride 2 after Pad of [0,1] .. [3,3], then
Conv2D 1x1), AvgPool 3x3 SAME stride 1 and VALID stride 2, AvgPool 1x1/2
VALID on the factorized-reduction path after a Pad + Cropping2D
(StridedSlice begin [0,1,1,0]), MaxPool 3x3/2 VALID, ConcatV2 on axis -1
of 2, 4 and 6 inputs, residual AddV2. Seeded weights (SeparableConv2D in
keras_apps.py), batch norms calibrated on 64 images. ~22 MB.
"""

import tensorflow as tf

from . import keras_apps, keras_common

SIZE = 32

ALLOWED_OPS = frozenset({
    "AddV2", "AvgPool", "BiasAdd", "ConcatV2", "Const", "Conv2D",
    "DepthwiseConv2dNative", "Identity", "MatMul", "MaxPool", "Mean",
    "Mul", "NoOp", "Pad", "Placeholder", "Relu", "Rsqrt", "Softmax",
    "StridedSlice", "Sub",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_apps.classifier(
        tf.keras.applications.NASNetMobile, SIZE, rng,
        keras_common.uniform_sample(-1.0, 1.0))
