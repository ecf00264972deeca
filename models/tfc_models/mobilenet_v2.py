"""mobilenet_v2: Keras' MobileNetV2 (width 1.0, 224x224, 1000 classes).

tf.keras.applications.MobileNetV2(weights=None) with its ImageNet top
(global average pool, Dense), input float32 [batch, 224, 224, 3] in [-1, 1]
(MobileNet preprocessing), frozen from a tf.function that calls the model
with training=False, as a SavedModel signature. Inverted residuals give Pad,
DepthwiseConv2dNative, Relu6 and residual AddV2. The classifier's softmax is
applied outside the model (classifier_activation=None, then tf.nn.softmax:
the same ops) so that `logits` can be fetched beside `probs`: 1000
probabilities near 1e-3 alone would hide small errors. Seeded weights and
calibrated batch norms (keras_common.py).
"""

import tensorflow as tf

from . import common, keras_common

SIZE = 224

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Conv2D",
    "DepthwiseConv2dNative", "Pad", "Relu6", "Rsqrt", "Mul", "Sub", "AddV2",
    "Mean", "MatMul", "BiasAdd", "Softmax",
})


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    sample = keras_common.uniform_sample(-1.0, 1.0)
    model = keras_common.seeded_model(tf.keras.applications.MobileNetV2(
        weights=None, input_shape=(SIZE, SIZE, 3),
        classifier_activation=None), rng, sample)
    spec = common.Input("input", "float32", (None, SIZE, SIZE, 3), sample)

    def fn(x):
        logits = model(x, training=False)
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(fn, [spec])
