"""dilated_conv1d: two dilated Keras Conv1D layers (a WaveNet/TCN block).

x float32 [batch, T, 4], standard normal; T is unknown in the GraphDef (the
signature is [None, None, 4], as a sequence model exported for any length)
and config.pbtxt pins it to 24. Conv1D(8, 3, dilation_rate=2, VALID, ReLU)
then Conv1D(8, 3, dilation_rate=4, SAME), tf.keras.layers (Keras 3) called
with training=False in a tf.function, frozen with common.freeze.

Route: Keras 3's TF backend runs Conv1D through tf.nn.convolution, which
TF 2.21 still writes the old way for dilations > 1: ExpandDims (to NHWC with
H=1), SpaceToBatchND (block_shape [2] / [4], paddings computed from the
input's Shape), Conv2D with dilations 1 (VALID), BatchToSpaceND (crops
computed too), Squeeze, then Keras' bias Reshape + BiasAdd. Because T is
unknown at trace time the paddings/crops arithmetic stays in the graph:
Shape -> StridedSlice -> AddV2 -> FloorMod (int32, non-constant operands in
the GraphDef, constant once feeds are known) -> Sub -> Pack, feeding
SpaceToBatchND's paddings and BatchToSpaceND's crops. Fetch: y [batch, T-4,
8]. Seeded weights (He-normal kernels, small biases).
"""

import numpy as np
import tensorflow as tf

from . import common

STEPS = 24
CHANNELS = 4
FILTERS = 8

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "ExpandDims",
    "SpaceToBatchND", "Conv2D", "BatchToSpaceND", "Squeeze", "Reshape",
    "BiasAdd", "Relu", "Shape", "StridedSlice", "AddV2", "FloorMod", "Sub",
    "Pack",
})

layers = tf.keras.layers


class _SequenceInput(common.Input):
    """An Input whose time dimension, unknown in the graph, is pinned too."""

    def static_shape(self, batch):
        return (batch, STEPS, CHANNELS)


def build(batch, rng):
    del batch  # The graph has unknown batch and time dimensions.
    tf.keras.utils.set_random_seed(int(rng.integers(2**31)))
    x = tf.keras.Input(shape=(None, CHANNELS), name="x")
    y = layers.Conv1D(FILTERS, 3, dilation_rate=2, activation="relu",
                      name="conv_d2")(x)
    y = layers.Conv1D(FILTERS, 3, dilation_rate=4, padding="same",
                      name="conv_d4")(y)
    model = tf.keras.Model(x, y)
    for layer in model.layers[1:]:
        fan_in = int(np.prod(layer.kernel.shape[:-1]))
        layer.kernel.assign((rng.standard_normal(layer.kernel.shape) *
                             np.sqrt(2.0 / fan_in)).astype(np.float32))
        layer.bias.assign((rng.standard_normal(layer.bias.shape) * 0.05)
                          .astype(np.float32))
    spec = _SequenceInput("x", "float32", (None, None, CHANNELS))

    def fn(x):
        return {"y": model(x, training=False)}

    return common.freeze(fn, [spec])
