"""donkey_pilot: the Donkey Car autopilot, KerasLinear (default_n_linear).

img_in float32 [batch, 120, 160, 3], pixels scaled to [0, 1]. Conv2D 24
5x5/2, 32 5x5/2, 64 5x5/2, 64 3x3/1, 64 3x3/1 (all VALID, ReLU); Flatten;
Dense 100 ReLU; Dropout 0.1; Dense 50 ReLU; Dropout 0.1; two linear Dense 1
heads: n_outputs0 (steering angle) and n_outputs1 (throttle). Dropout is the
identity in inference. Frozen from a tf.function calling the Keras model with
training=False, as a SavedModel signature: fetches n_outputs0 and n_outputs1.
Seeded weights (keras_common.py).
"""

import tensorflow as tf

from . import common, keras_common

layers = tf.keras.layers

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Conv2D", "BiasAdd", "Relu",
    "Reshape", "Squeeze", "MatMul", "AddV2", "Shape", "StridedSlice", "Pack",
})

OUTPUTS = ("n_outputs0", "n_outputs1")


def keras_linear():
    """Donkey Car's KerasLinear network (two outputs)."""
    img_in = tf.keras.Input(shape=(120, 160, 3), name="img_in")
    x = img_in
    for i, (filters, kernel, stride) in enumerate(
            [(24, 5, 2), (32, 5, 2), (64, 5, 2), (64, 3, 1), (64, 3, 1)], 1):
        x = layers.Conv2D(filters, kernel, strides=stride, activation="relu",
                          name=f"conv2d_{i}")(x)
    x = layers.Flatten(name="flattened")(x)
    x = layers.Dense(100, activation="relu", name="dense_1")(x)
    x = layers.Dropout(0.1)(x)
    x = layers.Dense(50, activation="relu", name="dense_2")(x)
    x = layers.Dropout(0.1)(x)
    outputs = [layers.Dense(1, activation="linear", name=name)(x)
               for name in OUTPUTS]
    return tf.keras.Model(inputs=[img_in], outputs=outputs)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    sample = keras_common.uniform_sample(0.0, 1.0)
    model = keras_common.seeded_model(keras_linear(), rng, sample)
    spec = common.Input("img_in", "float32", (None, 120, 160, 3), sample)
    return keras_common.freeze_keras(model, [spec], list(OUTPUTS))
