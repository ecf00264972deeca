"""What the keras_<application>.py models share (a helper, not a model:
listed in tfc_models._NOT_MODELS, so it is part of every model's cache key).

keras_common.seed_weights knows Conv2D, DepthwiseConv2D, Dense and
BatchNormalization and raises on any other layer with weights. Some
applications also have SeparableConv2D (Xception, NASNetMobile) and an
un-adapted Normalization layer (EfficientNet), which `seeded_application`
seeds here before handing the rest to keras_common.
"""

import types

import numpy as np
import tensorflow as tf

from . import common, keras_common

layers = tf.keras.layers

# The ImageNet RGB statistics EfficientNet's Normalization layer holds once
# ImageNet weights are loaded (variance = stddev ** 2).
IMAGENET_MEAN_RGB = (0.485, 0.456, 0.406)
IMAGENET_STDDEV_RGB = (0.229, 0.224, 0.225)

# Images in the batch-norm calibration pass. keras_common's default, 4, is
# enough at 224x224, where the last feature maps still hold 7x7 positions per
# image; at 32x32 they hold one, and statistics over 4 values let the logits
# of other inputs grow into the hundreds (ill-conditioned references). 64
# images cost little at these sizes.
CALIBRATION_SIZE = 64


def _he_normal(rng, shape, fan_in):
    return (rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(
        np.float32)


def _seed_other_layers(model, rng, bias_std=0.05):
    """Seed the layers keras_common.seed_weights has no rule for; returns the
    layers it does know."""
    known = []
    for layer in keras_common._all_layers(model):
        if not layer.weights:
            continue
        if isinstance(layer, layers.SeparableConv2D):
            kh, kw, cin, mult = layer.depthwise_kernel.shape
            layer.depthwise_kernel.assign(
                _he_normal(rng, layer.depthwise_kernel.shape, kh * kw))
            layer.pointwise_kernel.assign(
                _he_normal(rng, layer.pointwise_kernel.shape, cin * mult))
            if layer.bias is not None:
                layer.bias.assign(rng.normal(0.0, bias_std, layer.bias.shape)
                                  .astype(np.float32))
        elif isinstance(layer, layers.Normalization):
            # Keras 3 keeps the statistics in adapt_mean / adapt_variance and
            # bakes them into constant tensors in finalize_state.
            layer.adapt_mean.assign(np.asarray(IMAGENET_MEAN_RGB, np.float32)
                                    .reshape(layer.adapt_mean.shape))
            layer.adapt_variance.assign(
                np.square(np.asarray(IMAGENET_STDDEV_RGB, np.float32))
                .reshape(layer.adapt_variance.shape))
            layer.finalize_state()
        else:
            known.append(layer)
    return known


def seeded_application(model, rng, input_sample, calibration_size=4):
    """keras_common.seeded_model for any application: seeds SeparableConv2D
    and Normalization layers here, every other weight with
    keras_common.seed_weights, then calibrates the batch norms."""
    known = _seed_other_layers(model, rng)
    keras_common.seed_weights(
        types.SimpleNamespace(
            layers=known,
            weights=[w for layer in known for w in layer.weights]), rng)
    shape = (calibration_size, *model.input_shape[1:])
    keras_common.calibrate_batch_norm(model, input_sample(rng, shape))
    return model


def classifier(constructor, size, rng, input_sample,
               calibration_size=CALIBRATION_SIZE, **kwargs):
    """Freeze tf.keras.applications `constructor` (weights=None, input
    [batch, size, size, 3], classifier_activation=None) as mobilenet_v2.py
    does: feed `input`, fetch `logits` and `probs` (softmax outside the
    model)."""
    keras_common.set_keras_seed(rng)
    model = seeded_application(
        constructor(weights=None, input_shape=(size, size, 3),
                    classifier_activation=None, **kwargs),
        rng, input_sample, calibration_size)
    spec = common.Input("input", "float32", (None, size, size, 3),
                        input_sample)

    def fn(x):
        logits = model(x, training=False)
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    return common.freeze(fn, [spec])
