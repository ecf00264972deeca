"""keras_rnn: Keras recurrent layers, whose time loops are While loops over
TensorLists.

x float32 [batch, T=6, 5], standard normal. LSTM(8, return_sequences=True),
then GRU(6) (its last state), then Dense(3), tf.keras.layers (Keras 3)
called with training=False in a tf.function and frozen with common.freeze.
Each recurrent layer is a tf.while_loop over time that reads x_t from a
TensorList made by TensorListFromTensor (TensorListGetItem) and writes its
outputs into one made by TensorListReserve (TensorListSetItem), stacked
after the loop (TensorListStack); freezing lowers the While to TensorFlow
1's loop nodes. Weights are seeded from the generator's stream (kernels
scaled by 1/sqrt(fan in)). Fetch: y [batch, 3].
"""

import numpy as np
import tensorflow as tf

from . import common

STEPS = 6
FEATURES = 5

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Enter", "Merge", "Switch",
    "LoopCond", "NextIteration", "Exit", "Less", "LogicalAnd", "AddV2",
    "Sub", "Mul", "MatMul", "BiasAdd", "Sigmoid", "Tanh", "Split",
    "Squeeze", "StridedSlice", "Transpose", "Range", "Max", "Shape", "Pack",
    "Fill", "TensorListFromTensor", "TensorListGetItem", "TensorListReserve",
    "TensorListSetItem", "TensorListStack", "Unpack", "ConcatV2", "Reshape",
    "ExpandDims", "SplitV", "GatherV2",
})

layers = tf.keras.layers


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    tf.keras.utils.set_random_seed(int(rng.integers(2**31)))
    x = tf.keras.Input(shape=(STEPS, FEATURES), name="x")
    y = layers.LSTM(8, return_sequences=True, name="lstm")(x)
    y = layers.GRU(6, name="gru")(y)
    y = layers.Dense(3, name="dense")(y)
    model = tf.keras.Model(x, y)
    for weight in model.weights:
        shape = tuple(weight.shape)
        scale = 1.0 / np.sqrt(shape[0]) if len(shape) == 2 else 0.1
        weight.assign((rng.standard_normal(shape) * scale).astype(np.float32))

    def fn(x):
        return {"y": model(x, training=False)}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, STEPS, FEATURES))])
