"""Helpers shared by the seed models built with Keras applications.

tf.keras in TensorFlow 2.21 is Keras 3. Its layers trace to plain TensorFlow
ops inside a tf.function; notably BatchNormalization becomes the unfused
`tf.nn.batch_normalization` arithmetic (Rsqrt, Mul, Sub, AddV2 on frozen
constants), not FusedBatchNormV3 as in Keras 2. The graphs are frozen the way
users freeze them (`common.freeze`: `convert_variables_to_constants_v2` on a
concrete function, no Grappler), so whatever Keras emits stays in them.

Weights: Keras' own initializers are replaced by values drawn from the
generator's `rng`, so a model depends on `--seed` alone, and every weight is
non-trivial: kernels He-normal, biases small but non-zero, batch-norm
gamma/beta random. Batch-norm moving statistics are calibrated, as training
would leave them: one forward pass in training mode over a seeded batch sets
each layer's moving mean and variance to its batch statistics. Deep random
networks thus keep unit-scale activations (softmax neither saturated nor
uniform) and every batch norm does real work (its mean and variance are far
from 0 and 1).
"""

import numpy as np
import tensorflow as tf

from . import common

layers = tf.keras.layers

# Fetched by the TF-for-Poets graphs (retrain.py's --final_tensor_name).
POETS_OUTPUT = "final_result"
# The retrained head of the TF-for-Poets flowers example: 5 classes.
POETS_CLASSES = 5


def uniform_sample(low, high):
    """An Input.sample drawing uniform values in [low, high)."""
    def sample(rng, shape):
        return rng.uniform(low, high, size=shape)
    return sample


def set_keras_seed(rng):
    """Seed Keras (Python, NumPy and TensorFlow streams) from `rng`.

    The weights are overwritten by `seed_weights` anyway; this keeps anything
    Keras draws on its own (e.g. a layer type that helper does not know)
    reproducible too.
    """
    tf.keras.utils.set_random_seed(int(rng.integers(2**31)))


def _round(values, digits=4):
    """Round to `digits` significant digits, as float32.

    Calibrated statistics come from TensorFlow reductions whose last bits may
    depend on the machine's thread count; rounding keeps model.pb identical.
    """
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(divide="ignore"):
        scale = 10.0 ** (digits - 1 - np.floor(np.log10(np.abs(values))))
    scale = np.where(np.isfinite(scale), scale, 1.0)
    return (np.round(values * scale) / scale).astype(np.float32)


def _all_layers(model):
    """The layers of `model`, nested models expanded, in order."""
    for layer in model.layers:
        if isinstance(layer, tf.keras.Model):
            yield from _all_layers(layer)
        else:
            yield layer


def _he_normal(rng, shape, fan_in):
    return rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)


def seed_weights(model, rng, bias_std=0.05):
    """Give every weight of `model` a value drawn from `rng`.

    Batch-norm moving statistics get placeholders (mean 0, variance 1) here;
    `calibrate_batch_norm` sets them. Raises on a layer with weights this
    function does not know, so no weight silently keeps Keras' own values.
    """
    assigned = set()

    def assign(variable, values):
        variable.assign(np.asarray(values, dtype=np.float32).reshape(
            variable.shape))
        assigned.add(id(variable))

    for layer in _all_layers(model):
        if not layer.weights:
            continue
        if isinstance(layer, layers.DepthwiseConv2D):
            kh, kw, _, _ = layer.kernel.shape
            assign(layer.kernel, _he_normal(rng, layer.kernel.shape, kh * kw))
        elif isinstance(layer, (layers.Conv2D, layers.Dense)):
            fan_in = int(np.prod(layer.kernel.shape[:-1]))
            assign(layer.kernel, _he_normal(rng, layer.kernel.shape, fan_in))
        elif isinstance(layer, layers.BatchNormalization):
            if layer.gamma is not None:
                assign(layer.gamma, rng.uniform(0.5, 1.5, layer.gamma.shape))
            if layer.beta is not None:
                assign(layer.beta, rng.normal(0.0, 0.1, layer.beta.shape))
            assign(layer.moving_mean, np.zeros(layer.moving_mean.shape))
            assign(layer.moving_variance, np.ones(layer.moving_variance.shape))
            continue
        else:
            raise TypeError(f"seed_weights: no rule for layer {layer.name} "
                            f"({type(layer).__name__})")
        if getattr(layer, "bias", None) is not None:
            assign(layer.bias, rng.normal(0.0, bias_std, layer.bias.shape))
    missed = [v.path for v in model.weights if id(v) not in assigned]
    if missed:
        raise RuntimeError(f"seed_weights: weights left unseeded: {missed}")


def calibrate_batch_norm(model, calibration_batch):
    """Set the moving statistics of every BatchNormalization layer.

    A forward pass in training mode with momentum 0 leaves each layer's
    moving mean and variance equal to the statistics of its input over
    `calibration_batch`, given the layers before it, as training leaves
    them. They are not perturbed further: a random error in one layer's
    statistics compounds through the later ones (in Inception v3 it grew the
    last activations tenfold and saturated the softmax).
    """
    bn_layers = [layer for layer in _all_layers(model)
                 if isinstance(layer, layers.BatchNormalization)]
    if not bn_layers:
        return
    momenta = [layer.momentum for layer in bn_layers]
    for layer in bn_layers:
        layer.momentum = 0.0
    try:
        model(tf.constant(calibration_batch, tf.float32), training=True)
    finally:
        for layer, momentum in zip(bn_layers, momenta):
            layer.momentum = momentum
    for layer in bn_layers:
        layer.moving_mean.assign(_round(layer.moving_mean.numpy()))
        layer.moving_variance.assign(_round(layer.moving_variance.numpy()))


def seeded_model(model, rng, input_sample, calibration_size=4):
    """Seed all weights of `model` and calibrate its batch norms; returns it.

    The calibration batch is drawn from `input_sample` (an Input.sample) with
    the same `rng`, so it too depends on the seed alone.
    """
    seed_weights(model, rng)
    shape = (calibration_size, *model.input_shape[1:])
    calibrate_batch_norm(model, input_sample(rng, shape))
    return model


def freeze_keras(model, inputs, output_names, **kwargs):
    """Freeze a Keras model called in inference mode (training=False).

    `output_names` names the model's outputs, in order; `inputs` are the
    common.Input feeds. Other keyword arguments go to common.freeze.
    """
    def fn(*tensors):
        values = model(list(tensors) if len(tensors) > 1 else tensors[0],
                       training=False)
        if not isinstance(values, (list, tuple)):
            values = [values]
        return dict(zip(output_names, values))

    return common.freeze(fn, inputs, **kwargs)


def poets_model(base, rng, input_name, input_sample):
    """A TF-for-Poets retrained graph on top of the headless Keras `base`.

    retrain.py took a headless ImageNet network, added a new fully-connected
    layer with softmax over POETS_CLASSES classes, trained only that, and
    froze the graph so that feeding node `input_name` and fetching node
    `final_result` classifies an image. Here: `base` (include_top=False,
    pooling='avg') plus a new Dense softmax layer, the output wrapped in
    tf.identity(name='final_result'), fetched at that node and the graph
    pruned to it.
    """
    image = tf.keras.Input(shape=base.input_shape[1:], name="image")
    probs = layers.Dense(POETS_CLASSES, activation="softmax",
                         name="final_training_ops")(base(image))
    model = seeded_model(tf.keras.Model(image, probs), rng, input_sample)
    spec = common.Input(input_name, "float32", (None, *base.input_shape[1:]),
                        input_sample)

    def fn(x):
        return {POETS_OUTPUT: tf.identity(model(x, training=False),
                                          name=POETS_OUTPUT)}

    return common.freeze(fn, [spec], fetch_named_nodes=True)


# Ops of a frozen TF-for-Poets MobileNet v1 (Keras 3 folds batch norm into
# Rsqrt/Mul/Sub/AddV2).
MOBILENET_V1_OPS = frozenset({
    "Placeholder", "Const", "Identity", "Conv2D", "DepthwiseConv2dNative",
    "Pad", "Relu6", "Rsqrt", "Mul", "Sub", "AddV2", "Mean", "MatMul",
    "BiasAdd", "Softmax",
})


def mobilenet_v1_poets(alpha, rng, size=224):
    """MobileNet v1 of width `alpha` in TF-for-Poets form (see
    mobilenet_v1_050.py): feed `input` in [-1, 1], fetch `final_result`."""
    set_keras_seed(rng)
    base = tf.keras.applications.MobileNet(
        weights=None, alpha=alpha, input_shape=(size, size, 3),
        include_top=False, pooling="avg")
    return poets_model(base, rng, "input", uniform_sample(-1.0, 1.0))
