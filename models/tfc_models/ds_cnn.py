"""ds_cnn: a keyword-spotting DS-CNN (the small one of "Hello Edge").

x float32 [batch, 49, 10, 1]: 49 frames of 10 MFCC features, standard
normal. Keras (tf.keras, Keras 3) layers called with training=False:
Conv2D(64, 10x4, strides 2, SAME) + BatchNormalization + ReLU, then four
depthwise-separable blocks (DepthwiseConv2D 3x3 SAME + BN + ReLU, Conv2D
64 1x1 + BN + ReLU), AveragePooling2D over the whole 25x5 map, Flatten,
Dense 12. Fetches: logits and probs (softmax outside the model). About 24k
weights (94 KiB of float32) and an arena of a few 25x5x64 maps: sized for a
Cortex-M with 256 KB of RAM (test/mcu). Keras 3's batch norms are the
unfused Rsqrt/Mul/Sub/AddV2 arithmetic, which tfc folds into the
convolutions. Seeded weights, batch norms calibrated on a seeded batch
(keras_common.seeded_model).
"""

import tensorflow as tf

from . import common, keras_common

ALLOWED_OPS = frozenset({
    "AddV2", "AvgPool", "BiasAdd", "Const", "Conv2D",
    "DepthwiseConv2dNative", "Identity", "MatMul", "Mul", "NoOp", "Pack",
    "Placeholder", "Relu", "Reshape", "Rsqrt", "Shape", "Softmax",
    "Squeeze", "StridedSlice", "Sub",
})

FRAMES, FEATURES, FILTERS, LABELS = 49, 10, 64, 12

layers = tf.keras.layers


def _sample(rng, shape):
    return rng.standard_normal(size=shape)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    x = tf.keras.Input(shape=(FRAMES, FEATURES, 1), name="x")
    y = layers.Conv2D(FILTERS, (10, 4), strides=2, padding="same",
                      name="conv1")(x)
    y = layers.ReLU()(layers.BatchNormalization(name="conv1_bn")(y))
    for block in range(4):
        y = layers.DepthwiseConv2D(3, padding="same", name=f"dw{block}")(y)
        y = layers.ReLU()(layers.BatchNormalization(name=f"dw{block}_bn")(y))
        y = layers.Conv2D(FILTERS, 1, name=f"pw{block}")(y)
        y = layers.ReLU()(layers.BatchNormalization(name=f"pw{block}_bn")(y))
    y = layers.AveragePooling2D(pool_size=(25, 5), name="pool")(y)
    y = layers.Flatten(name="flatten")(y)
    logits = layers.Dense(LABELS, name="logits")(y)
    model = keras_common.seeded_model(tf.keras.Model(x, logits), rng, _sample)

    def fn(x):
        logits = model(x, training=False)
        return {"logits": logits, "probs": tf.nn.softmax(logits)}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, FRAMES, FEATURES, 1),
                          _sample)])
