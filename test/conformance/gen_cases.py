#!/usr/bin/env python3
"""Generate tfc's op conformance cases: one tiny frozen GraphDef per case.

    gen_cases.py --out DIR [--only REGEX] [--seed S] [--force]
    gen_cases.py --list [--only REGEX]

Each case is one TensorFlow op under test with one set of attributes (Conv2D
SAME stride 2 on a 7x9 input, Mean over axis -1 without keep_dims, ...), fed
by Placeholders, with Const operands where TensorFlow needs them (axes,
shapes, paddings, begin/end/strides) or where frozen graphs have them (a
`_const` case has its weights frozen in). A few `pattern_` cases are the
short op chains that Keras graphs are made of (the Shape/StridedSlice/Pack
chain of Flatten, Keras 3's unfused batch norm, ...).

DIR/<case>/ gets what models/generate.py writes for a model, in the same
format (models/README.md), so test/e2e/run_model.py --model-dir runs it:
model.pb, config.pbtxt, inputs/arg<i>.bin (seeded, in each op's valid
domain), expected/result<j>.bin (TensorFlow's outputs from running model.pb
in a Session) and manifest.json (with `op`, the op under test). A case whose
manifest.json holds the same generator hash (this file, models/tfc_models/
common.py, the case name, the seed, TensorFlow's and NumPy's versions) is
not regenerated; TensorFlow is imported only when something must be.

--only keeps the cases whose name matches REGEX anywhere (re.search), e.g.
--only '^conv2d_' or --only 'pool|lrn'. Every case draws its constants and
inputs from its own stream, seeded by --seed and its name, so a case's data
does not depend on which other cases are generated.
"""

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import re
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import numpy as np

SCRIPT = Path(__file__).resolve()
REPO = SCRIPT.parent.parent.parent
sys.path.insert(0, str(REPO / "models"))

import tfc_models  # noqa: E402  (does not import TensorFlow)


class _LazyTensorFlow:
    """`tensorflow`, imported on first use through tfc_models.common.

    The case table below refers to `tf` in its builders; listing cases and
    checking the cache never call them, so they never pay for the import.
    common.py sets TensorFlow's environment (quiet logs, no oneDNN) first.
    """

    def __getattr__(self, name):
        common = importlib.import_module("tfc_models.common")
        return getattr(common.tf, name)


tf = _LazyTensorFlow()


# ---------------------------------------------------------------------------
# Input samplers: (rng, shape) -> array. Each op's inputs stay in its domain.

def normal(scale=1.0, shift=0.0):
    return lambda rng, shape: rng.standard_normal(shape) * scale + shift


def uniform(low, high):
    return lambda rng, shape: rng.uniform(low, high, size=shape)


def away_from_zero(low, high):
    """Values with |v| in [low, high) and a random sign (divisors)."""
    def sample(rng, shape):
        signs = np.where(rng.integers(0, 2, size=shape) == 0, -1.0, 1.0)
        return signs * rng.uniform(low, high, size=shape)
    return sample


def integers(low, high):
    return lambda rng, shape: rng.integers(low, high, size=shape)


def booleans():
    return lambda rng, shape: rng.integers(0, 2, size=shape) != 0


def distinct(scale=10.0):
    """Floats whose values along any axis differ (no ArgMax ties)."""
    def sample(rng, shape):
        size = int(np.prod(shape))
        return (rng.permutation(size).reshape(shape) +
                rng.uniform(0.1, 0.9, size=shape)) * (scale / max(size, 1))
    return sample


# ---------------------------------------------------------------------------
# The case table.

@dataclass(frozen=True)
class In:
    """A Placeholder of a case. None dims are unknown in the GraphDef and
    pinned to the case's `batch` in config.pbtxt."""
    shape: tuple
    dtype: str = "float32"
    sample: Optional[Callable] = None


@dataclass(frozen=True)
class Case:
    name: str
    op: str  # the op under test; "pattern" for an op chain
    inputs: tuple
    build: Callable  # build(rng, *placeholders) -> tensor or list of tensors
    batch: int = 1
    # An equivalent graph, built the same way from an rng in the same state,
    # that TensorFlow runs for the expected outputs where its CPU kernels
    # lack the variant under test (Conv2DBackpropInput with dilations).
    reference: Optional[Callable] = None


CASES = []


def case(name, op, inputs, build, batch=1, reference=None):
    if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
        raise ValueError(f"case name {name!r} must be lower_snake_case")
    if any(c.name == name for c in CASES):
        raise ValueError(f"duplicate case {name}")
    inputs = tuple(i if isinstance(i, In) else In(tuple(i)) for i in inputs)
    CASES.append(Case(name, op, inputs, build, batch, reference))


def i32(values):
    return tf.constant(np.asarray(values, np.int32))


def i64(values):
    return tf.constant(np.asarray(values, np.int64))


def weights(rng, shape, scale=1.0):
    """A float32 Const of seeded normal values (frozen weights)."""
    values = rng.standard_normal(shape) * scale
    return tf.constant(values.astype(np.float32))


def fan_in_scale(filter_shape, depthwise=False):
    """1/sqrt(fan in): keeps conv outputs near unit size."""
    kh, kw, cin = filter_shape[:3]
    return 1.0 / np.sqrt(kh * kw * (1 if depthwise else cin))


# Conv2D: padding SAME/VALID/EXPLICIT, strides 1, 2, (2, 1), (1, 2),
# dilation 2, kernels 1x1 to 7x1, odd input sizes, batch 1 and 3, channels
# 1, 3, 8; filters fed (Placeholder) or frozen (Const).
def _conv2d(name, x, f, strides=(1, 1), padding="SAME", dilations=(1, 1),
            explicit=(), const_filter=False, batch=1):
    scale = fan_in_scale(f)

    def build(rng, x_in, f_in=None):
        kernel = weights(rng, f, scale) if const_filter else f_in
        return tf.raw_ops.Conv2D(
            input=x_in, filter=kernel, strides=[1, *strides, 1],
            padding=padding, explicit_paddings=list(explicit),
            data_format="NHWC", dilations=[1, *dilations, 1])

    inputs = [In(x)] + ([] if const_filter else [In(f, sample=normal(scale))])
    case(name, "Conv2D", inputs, build, batch)


_conv2d("conv2d_same_3x3", (1, 8, 8, 3), (3, 3, 3, 8))
_conv2d("conv2d_valid_3x3", (1, 8, 8, 3), (3, 3, 3, 8), padding="VALID")
_conv2d("conv2d_explicit_3x3", (1, 7, 9, 3), (3, 3, 3, 8), padding="EXPLICIT",
        explicit=(0, 0, 1, 2, 0, 1, 0, 0))
_conv2d("conv2d_explicit_3x3_s2", (1, 7, 9, 3), (3, 3, 3, 8), strides=(2, 2),
        padding="EXPLICIT", explicit=(0, 0, 1, 1, 2, 0, 0, 0))
_conv2d("conv2d_same_3x3_s2_odd", (1, 7, 9, 3), (3, 3, 3, 8), strides=(2, 2))
_conv2d("conv2d_same_3x3_s2_even", (1, 8, 8, 3), (3, 3, 3, 8), strides=(2, 2))
_conv2d("conv2d_valid_3x3_s2_odd", (1, 7, 9, 3), (3, 3, 3, 8), strides=(2, 2),
        padding="VALID")
_conv2d("conv2d_same_3x3_s21", (1, 7, 9, 3), (3, 3, 3, 8), strides=(2, 1))
_conv2d("conv2d_valid_3x3_s12", (1, 7, 9, 3), (3, 3, 3, 8), strides=(1, 2),
        padding="VALID")
_conv2d("conv2d_same_3x3_d2", (1, 9, 9, 3), (3, 3, 3, 8), dilations=(2, 2))
_conv2d("conv2d_valid_3x3_d2", (1, 7, 9, 3), (3, 3, 3, 8), dilations=(2, 2),
        padding="VALID")
_conv2d("conv2d_same_1x1", (1, 7, 9, 8), (1, 1, 8, 3))
_conv2d("conv2d_valid_1x1_s2", (1, 7, 9, 8), (1, 1, 8, 8), strides=(2, 2),
        padding="VALID")
_conv2d("conv2d_same_5x5", (1, 7, 9, 3), (5, 5, 3, 8))
_conv2d("conv2d_valid_5x5_s2_cin1", (1, 9, 7, 1), (5, 5, 1, 8), strides=(2, 2),
        padding="VALID")
_conv2d("conv2d_same_5x5_s2_cout1", (1, 9, 7, 3), (5, 5, 3, 1), strides=(2, 2))
_conv2d("conv2d_same_1x7", (1, 9, 9, 8), (1, 7, 8, 8))
_conv2d("conv2d_same_7x1", (1, 9, 9, 8), (7, 1, 8, 8))
_conv2d("conv2d_same_3x3_b3", (3, 6, 6, 3), (3, 3, 3, 8))
_conv2d("conv2d_valid_3x3_c1", (1, 5, 5, 1), (3, 3, 1, 1), padding="VALID")
_conv2d("conv2d_same_3x3_s2_tiny", (1, 2, 2, 3), (3, 3, 3, 8), strides=(2, 2))
_conv2d("conv2d_same_3x3_const", (1, 8, 8, 3), (3, 3, 3, 8), const_filter=True)
_conv2d("conv2d_valid_3x3_s2_const", (1, 9, 9, 8), (3, 3, 8, 8),
        strides=(2, 2), padding="VALID", const_filter=True)
_conv2d("conv2d_same_3x3_dynamic_batch", (None, 8, 8, 3), (3, 3, 3, 8),
        batch=2)


# Conv2DBackpropInput (what Keras' Conv2DTranspose freezes to): strides 1, 2,
# 3 and (2, 1); SAME/VALID/EXPLICIT (pads beyond the kernel's reach too);
# kernels 1x1 to 5x5, even ones; results whose last rows or columns the
# forward convolution never reads (they get zeros); batch 3; input_sizes of
# 4 values or of 2 ([h, w]); filters fed or frozen. TensorFlow's CPU kernel
# refuses dilations, so a dilated case's expected outputs come from the same
# op undilated, over its filter dilated with zeros: what TensorFlow's oneDNN
# kernel computes for the dilated op (equal up to float rounding, checked for
# SAME and VALID; oneDNN has no EXPLICIT).
def _forward_size(size, kernel, stride, dilation, padding, pads):
    span = (kernel - 1) * dilation + 1
    if padding == "SAME":
        return -(-size // stride)
    return (size + sum(pads) - span) // stride + 1


def _conv2d_backprop_input(name, x, f, strides=(1, 1), padding="SAME",
                           dilations=(1, 1), explicit=(), const_filter=False,
                           sizes2=False, batch=1):
    """x: the result's shape (input_sizes), f: [kh, kw, in, out]."""
    pads = [explicit[2:4], explicit[4:6]] if explicit else [(), ()]
    dy = (x[0], *[_forward_size(x[1 + a], f[a], strides[a], dilations[a],
                                padding, pads[a]) for a in range(2)], f[3])
    scale = 1.0 / np.sqrt(f[0] * f[1] * f[3])

    def make(rng, dy_in, f_in, dilated):
        kernel = weights(rng, f, scale) if const_filter else f_in
        d = (1, 1) if dilated else dilations
        if dilated:
            values = np.zeros(((f[0] - 1) * dilations[0] + 1,
                               (f[1] - 1) * dilations[1] + 1, f[2], f[3]),
                              np.float32)
            values[::dilations[0], ::dilations[1]] = tf.get_static_value(
                kernel)
            kernel = tf.constant(values)
        sizes = x[1:3] if sizes2 else [(batch if x[0] is None else x[0]),
                                       *x[1:]]
        return tf.raw_ops.Conv2DBackpropInput(
            input_sizes=i32(sizes), filter=kernel, out_backprop=dy_in,
            strides=[1, *strides, 1], padding=padding,
            explicit_paddings=list(explicit), data_format="NHWC",
            dilations=[1, *d, 1])

    inputs = [In(dy)] + ([] if const_filter else [In(f, sample=normal(scale))])
    reference = None
    if dilations != (1, 1):
        assert const_filter, "a dilated case's reference needs a frozen filter"
        reference = lambda rng, dy_in: make(rng, dy_in, None, True)
    case(name, "Conv2DBackpropInput", inputs,
         lambda rng, dy_in, f_in=None: make(rng, dy_in, f_in, False),
         batch, reference)


_conv2d_backprop_input("conv2d_backprop_input_same_3x3", (1, 7, 9, 3),
                       (3, 3, 3, 5))
_conv2d_backprop_input("conv2d_backprop_input_valid_3x3", (1, 7, 9, 3),
                       (3, 3, 3, 5), padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_s2_even", (1, 8, 8, 3),
                       (3, 3, 3, 4), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_s2_odd", (1, 7, 9, 3),
                       (3, 3, 3, 4), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_valid_2x2_s2_drops_row",
                       (1, 9, 9, 3), (2, 2, 3, 4), strides=(2, 2),
                       padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_valid_3x3_s2_drops", (1, 10, 8, 2),
                       (3, 3, 2, 4), strides=(2, 2), padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_s3", (1, 10, 8, 2),
                       (3, 3, 2, 3), strides=(3, 3))
_conv2d_backprop_input("conv2d_backprop_input_valid_5x5_s3", (1, 14, 12, 2),
                       (5, 5, 2, 3), strides=(3, 3), padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_same_1x1_s2", (1, 7, 8, 4),
                       (1, 1, 4, 3), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_valid_1x1_s3", (1, 8, 7, 3),
                       (1, 1, 3, 2), strides=(3, 3), padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_same_2x2_s2", (1, 8, 6, 3),
                       (2, 2, 3, 4), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_same_4x4_s2", (1, 8, 8, 3),
                       (4, 4, 3, 2), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_same_5x5_s2", (1, 9, 7, 3),
                       (5, 5, 3, 4), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_s21", (1, 7, 9, 3),
                       (3, 3, 3, 4), strides=(2, 1))
_conv2d_backprop_input("conv2d_backprop_input_valid_3x5_s12", (1, 7, 9, 3),
                       (3, 5, 3, 4), strides=(1, 2), padding="VALID")
_conv2d_backprop_input("conv2d_backprop_input_explicit_3x3", (1, 7, 9, 3),
                       (3, 3, 3, 4), padding="EXPLICIT",
                       explicit=(0, 0, 1, 2, 0, 1, 0, 0))
_conv2d_backprop_input("conv2d_backprop_input_explicit_3x3_s2", (1, 7, 9, 3),
                       (3, 3, 3, 4), strides=(2, 2), padding="EXPLICIT",
                       explicit=(0, 0, 2, 0, 1, 1, 0, 0))
# Pads wider than the kernel reaches: out_backprop's first row and last
# columns saw only padding and reach no result element.
_conv2d_backprop_input("conv2d_backprop_input_explicit_wide_pads_s2",
                       (1, 5, 6, 2), (3, 3, 2, 3), strides=(2, 2),
                       padding="EXPLICIT", explicit=(0, 0, 3, 1, 0, 4, 0, 0))
# Every out_backprop row saw only padding: the result is zeros.
_conv2d_backprop_input("conv2d_backprop_input_explicit_all_padding",
                       (1, 1, 3, 2), (1, 1, 2, 3), strides=(2, 2),
                       padding="EXPLICIT", explicit=(0, 0, 1, 0, 0, 0, 0, 0))
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_b3", (3, 6, 5, 3),
                       (3, 3, 3, 4), strides=(2, 2))
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_sizes2", (2, 7, 9, 3),
                       (3, 3, 3, 4), strides=(2, 2), sizes2=True)
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_s2_const", (1, 9, 8, 4),
                       (3, 3, 4, 6), strides=(2, 2), const_filter=True)
_conv2d_backprop_input("conv2d_backprop_input_same_3x3_d2_const", (1, 9, 8, 3),
                       (3, 3, 3, 4), dilations=(2, 2), const_filter=True)
_conv2d_backprop_input("conv2d_backprop_input_valid_3x3_d2_const",
                       (1, 9, 8, 3), (3, 3, 3, 4), dilations=(2, 2),
                       padding="VALID", const_filter=True)
_conv2d_backprop_input("conv2d_backprop_input_same_2x3_d3_s2_const",
                       (1, 11, 10, 2), (2, 3, 2, 3), strides=(2, 2),
                       dilations=(3, 2), const_filter=True)
_conv2d_backprop_input("conv2d_backprop_input_explicit_3x3_d2_const",
                       (1, 8, 9, 2), (3, 3, 2, 3), padding="EXPLICIT",
                       explicit=(0, 0, 1, 3, 2, 0, 0, 0), dilations=(2, 2),
                       const_filter=True)


# DepthwiseConv2dNative: SAME/VALID, stride 2, channel multiplier 1 and 2.
def _depthwise(name, x, f, strides=(1, 1), padding="SAME", dilations=(1, 1),
               const_filter=False):
    scale = fan_in_scale(f, depthwise=True)

    def build(rng, x_in, f_in=None):
        kernel = weights(rng, f, scale) if const_filter else f_in
        return tf.raw_ops.DepthwiseConv2dNative(
            input=x_in, filter=kernel, strides=[1, *strides, 1],
            padding=padding, data_format="NHWC", dilations=[1, *dilations, 1])

    inputs = [In(x)] + ([] if const_filter else [In(f, sample=normal(scale))])
    case(name, "DepthwiseConv2dNative", inputs, build)


_depthwise("depthwise_same_3x3", (1, 8, 8, 4), (3, 3, 4, 1))
_depthwise("depthwise_valid_3x3", (1, 8, 8, 4), (3, 3, 4, 1), padding="VALID")
_depthwise("depthwise_same_3x3_s2_odd", (1, 7, 9, 4), (3, 3, 4, 1),
           strides=(2, 2))
_depthwise("depthwise_valid_3x3_s2", (1, 9, 9, 4), (3, 3, 4, 1), strides=(2, 2),
           padding="VALID")
_depthwise("depthwise_same_3x3_m2", (1, 6, 6, 3), (3, 3, 3, 2))
_depthwise("depthwise_valid_3x3_s2_m2", (1, 7, 9, 3), (3, 3, 3, 2),
           strides=(2, 2), padding="VALID")
_depthwise("depthwise_same_5x5", (1, 7, 7, 8), (5, 5, 8, 1))
_depthwise("depthwise_same_3x3_c1", (1, 6, 6, 1), (3, 3, 1, 1))
_depthwise("depthwise_same_3x3_const", (1, 8, 8, 4), (3, 3, 4, 1),
           const_filter=True)
_depthwise("depthwise_valid_3x3_s2_m2_const", (1, 9, 9, 4), (3, 3, 4, 2),
           strides=(2, 2), padding="VALID", const_filter=True)


def _depthwise_batch3(rng, x_in, f_in):
    return tf.raw_ops.DepthwiseConv2dNative(
        input=x_in, filter=f_in, strides=[1, 1, 1, 1], padding="SAME",
        data_format="NHWC")


case("depthwise_same_3x3_b3", "DepthwiseConv2dNative",
     [In((3, 6, 6, 4)), In((3, 3, 4, 1), sample=normal(1 / 3))],
     _depthwise_batch3)


# MaxPool and AvgPool: 2x2/2 VALID, 3x3/2 SAME and VALID, 3x3/1 SAME, odd
# sizes (floor with VALID, asymmetric padding with SAME), non-square windows.
# AvgPool with SAME divides by the number of in-bounds elements only.
def _pool(op, name, x, ksize, strides, padding, sample=None):
    def build(rng, x_in):
        kwargs = dict(ksize=[1, *ksize, 1], strides=[1, *strides, 1],
                      padding=padding, data_format="NHWC")
        if op == "MaxPool":
            return tf.raw_ops.MaxPool(input=x_in, **kwargs)
        return tf.raw_ops.AvgPool(value=x_in, **kwargs)

    case(name, op, [In(x, sample=sample)], build)


for _op, _prefix in (("MaxPool", "maxpool"), ("AvgPool", "avgpool")):
    _pool(_op, f"{_prefix}_2x2_s2_valid", (1, 8, 8, 3), (2, 2), (2, 2), "VALID")
    _pool(_op, f"{_prefix}_2x2_s2_valid_odd", (1, 7, 9, 3), (2, 2), (2, 2),
          "VALID")
    _pool(_op, f"{_prefix}_2x2_s2_same_odd", (1, 7, 9, 3), (2, 2), (2, 2),
          "SAME")
    _pool(_op, f"{_prefix}_3x3_s2_same", (1, 7, 9, 3), (3, 3), (2, 2), "SAME")
    _pool(_op, f"{_prefix}_3x3_s2_same_even", (1, 8, 8, 3), (3, 3), (2, 2),
          "SAME")
    _pool(_op, f"{_prefix}_3x3_s2_valid", (1, 9, 7, 3), (3, 3), (2, 2), "VALID")
    _pool(_op, f"{_prefix}_3x3_s1_same", (1, 6, 7, 3), (3, 3), (1, 1), "SAME")
    _pool(_op, f"{_prefix}_3x3_s2_same_b3", (3, 8, 8, 2), (3, 3), (2, 2),
          "SAME")
    _pool(_op, f"{_prefix}_1x3_s12_same", (1, 5, 7, 2), (1, 3), (1, 2), "SAME")
    _pool(_op, f"{_prefix}_3x3_s2_same_negative", (1, 7, 7, 2), (3, 3), (2, 2),
          "SAME", sample=normal(1.0, -5.0))
_pool("AvgPool", "avgpool_7x7_valid_global", (1, 7, 7, 16), (7, 7), (1, 1),
      "VALID")


def _maxpool_v2(rng, x_in):
    return tf.raw_ops.MaxPoolV2(input=x_in, ksize=i32([1, 3, 3, 1]),
                                strides=i32([1, 2, 2, 1]), padding="SAME")


case("maxpoolv2_3x3_s2_same", "MaxPoolV2", [(1, 7, 9, 3)], _maxpool_v2)


# LRN: the CIFAR-10 tutorial's parameters, TensorFlow's defaults (a window
# wider than the channels), and AlexNet-like ones with a large alpha; betas
# 0.75 and 0.5 (square roots), 1 (a division) and 0.6 (powf).
def _lrn(name, x, depth_radius, bias, alpha, beta):
    def build(rng, x_in):
        return tf.raw_ops.LRN(input=x_in, depth_radius=depth_radius, bias=bias,
                              alpha=alpha, beta=beta)
    case(name, "LRN", [In(x, sample=normal(2.0))], build)


_lrn("lrn_cifar10", (1, 5, 5, 16), 4, 1.0, 0.001 / 9.0, 0.75)
_lrn("lrn_defaults", (1, 4, 4, 8), 5, 1.0, 1.0, 0.5)
_lrn("lrn_r2_b2", (2, 3, 3, 7), 2, 2.0, 0.1, 0.75)
_lrn("lrn_beta1", (1, 3, 4, 6), 1, 1.5, 0.2, 1.0)
_lrn("lrn_beta06", (1, 3, 4, 6), 2, 1.0, 0.3, 0.6)


# FusedBatchNorm (v1, V2, V3) in inference (is_training=False): the form of
# Keras 2 / TF1 graphs. Parameters fed or frozen.
def _batch_norm(name, op, x, epsilon=0.001, const_params=False):
    channels = x[-1]
    param_samples = [uniform(0.5, 1.5), normal(0.1), normal(0.5),
                     uniform(0.5, 2.0)]  # scale, offset, mean, variance

    def build(rng, x_in, *params):
        if const_params:
            params = [tf.constant(s(rng, (channels,)).astype(np.float32))
                      for s in param_samples]
        fn = getattr(tf.raw_ops, op)
        kwargs = dict(x=x_in, scale=params[0], offset=params[1],
                      mean=params[2], variance=params[3], epsilon=epsilon,
                      data_format="NHWC", is_training=False)
        if op == "FusedBatchNormV3":
            kwargs["exponential_avg_factor"] = 1.0
        return fn(**kwargs)[0]

    inputs = [In(x, sample=normal(1.0, 0.3))]
    if not const_params:
        inputs += [In((channels,), sample=s) for s in param_samples]
    case(name, op, inputs, build)


_batch_norm("fused_batch_norm_v3", "FusedBatchNormV3", (1, 5, 5, 8))
_batch_norm("fused_batch_norm_v3_const", "FusedBatchNormV3", (1, 5, 5, 8),
            const_params=True)
_batch_norm("fused_batch_norm_v3_b2_eps", "FusedBatchNormV3", (2, 3, 4, 6),
            epsilon=1e-5, const_params=True)
_batch_norm("fused_batch_norm_const", "FusedBatchNorm", (1, 4, 4, 8),
            const_params=True)
_batch_norm("fused_batch_norm_v2_const", "FusedBatchNormV2", (1, 4, 4, 8),
            const_params=True)


# Activations.
def _unary(name, op, shape, sample=None, dtype="float32", **attrs):
    def build(rng, x_in):
        fn = getattr(tf.raw_ops, op)
        arg = "features" if op in ("Relu", "Relu6", "Elu", "LeakyRelu",
                                   "Softplus", "Softsign") else "x"
        if op in ("Softmax", "LogSoftmax"):
            arg = "logits"
        return fn(**{arg: x_in}, **attrs)
    case(name, op, [In(shape, dtype, sample)], build)


_unary("relu", "Relu", (3, 20), normal(3.0))
_unary("relu6", "Relu6", (3, 20), normal(5.0))
_unary("elu", "Elu", (3, 20), normal(3.0))
_unary("leaky_relu", "LeakyRelu", (3, 20), normal(3.0), alpha=0.2)
_unary("leaky_relu_alpha01", "LeakyRelu", (3, 20), normal(3.0), alpha=0.1)
_unary("sigmoid", "Sigmoid", (3, 20), normal(4.0))
_unary("tanh", "Tanh", (3, 20), normal(2.0))
_unary("neg", "Neg", (3, 20))
_unary("relu_int32", "Relu", (3, 20), integers(-50, 50), "int32")

# Element-wise math, each in its domain.
_unary("rsqrt", "Rsqrt", (4, 25), uniform(0.01, 10.0))
_unary("sqrt", "Sqrt", (4, 25), uniform(0.0, 10.0))
_unary("square", "Square", (4, 25), normal(3.0))
_unary("exp", "Exp", (4, 25), uniform(-8.0, 8.0))
_unary("log", "Log", (4, 25), uniform(0.01, 100.0))


def _pow(rng, x_in, y_in):
    return tf.raw_ops.Pow(x=x_in, y=y_in)


case("pow", "Pow", [In((4, 25), sample=uniform(0.1, 3.0)),
                    In((4, 25), sample=uniform(-2.0, 2.0))], _pow)
case("pow_broadcast", "Pow", [In((2, 3), sample=uniform(0.1, 3.0)),
                              In((3,), sample=uniform(-2.0, 2.0))], _pow)
case("pow_const_square", "Pow", [In((3, 7), sample=normal(2.0))],
     lambda rng, x_in: tf.raw_ops.Pow(x=x_in, y=tf.constant(2.0)))
case("pow_const_sqrt", "Pow", [In((3, 7), sample=uniform(0.0, 9.0))],
     lambda rng, x_in: tf.raw_ops.Pow(x=x_in, y=tf.constant(0.5)))


# More element-wise math: rounding, reciprocals, smooth activations, trig.
def halves(low, high):
    """Multiples of 0.5 (Round's ties) in [low, high)."""
    return lambda rng, shape: rng.integers(2 * low, 2 * high, size=shape) / 2.0


_unary("floor", "Floor", (4, 25), normal(5.0))
_unary("ceil", "Ceil", (4, 25), normal(5.0))
_unary("round_halves", "Round", (4, 25), halves(-6, 6))
_unary("round", "Round", (4, 25), normal(5.0))
_unary("reciprocal", "Reciprocal", (4, 25), away_from_zero(0.1, 10.0))
_unary("inv", "Inv", (4, 25), away_from_zero(0.1, 10.0))
_unary("softplus", "Softplus", (4, 25), uniform(-30.0, 30.0))
_unary("softsign", "Softsign", (4, 25), normal(5.0))
_unary("erf", "Erf", (4, 25), normal(2.0))
_unary("sin", "Sin", (4, 25), uniform(-10.0, 10.0))
_unary("cos", "Cos", (4, 25), uniform(-10.0, 10.0))
_unary("abs", "Abs", (4, 25), normal(3.0))
_unary("abs_int32", "Abs", (3, 8), integers(-50, 50), "int32")
_unary("sign", "Sign", (4, 25), halves(-3, 3))
_unary("sign_int64", "Sign", (3, 8), integers(-3, 3), "int64")
_unary("log_softmax", "LogSoftmax", (3, 20), normal(4.0))
_unary("log_softmax_rank3", "LogSoftmax", (2, 3, 7), normal(20.0))
_unary("logical_not", "LogicalNot", (3, 8), booleans(), "bool")


def _binary(name, op, a, b, dtype="float32", a_sample=None, b_sample=None):
    case(name, op, [In(a, dtype, a_sample), In(b, dtype, b_sample)],
         lambda rng, x, y: getattr(tf.raw_ops, op)(x=x, y=y))


_binary("squared_difference", "SquaredDifference", (2, 3), (3,))
_binary("squared_difference_int32", "SquaredDifference", (2, 3), (2, 3),
        "int32", integers(-100, 100), integers(-100, 100))
_binary("floor_div", "FloorDiv", (4, 25), (25,), "float32", normal(10.0),
        away_from_zero(0.5, 3.0))
_binary("floor_div_int32", "FloorDiv", (4, 25), (4, 25), "int32",
        integers(-100, 100), lambda rng, shape: (
            rng.integers(1, 9, size=shape) * rng.choice([-1, 1], size=shape)))
_binary("floor_mod", "FloorMod", (4, 25), (4, 1), "float32", normal(10.0),
        away_from_zero(0.5, 3.0))
_binary("floor_mod_int32", "FloorMod", (4, 25), (4, 25), "int32",
        integers(-100, 100), lambda rng, shape: (
            rng.integers(1, 9, size=shape) * rng.choice([-1, 1], size=shape)))
_binary("floor_mod_int64", "FloorMod", (3, 5), (), "int64",
        integers(-100, 100), lambda rng, shape: np.full(shape, -7))
for _op in ("Equal", "NotEqual", "Less", "LessEqual", "Greater",
            "GreaterEqual"):
    # Small integers as floats: many ties.
    _binary(_op.lower(), _op, (2, 3, 4), (3, 1), "float32",
            integers(-2, 3), integers(-2, 3))
    _binary(f"{_op.lower()}_int32", _op, (3, 4), (4,), "int32",
            integers(-2, 3), integers(-2, 3))
_binary("equal_bool", "Equal", (3, 4), (3, 4), "bool", booleans(),
        booleans())
_binary("logical_and", "LogicalAnd", (3, 4), (4,), "bool", booleans(),
        booleans())
_binary("logical_or", "LogicalOr", (2, 1, 4), (3, 1), "bool", booleans(),
        booleans())
case("select_v2_broadcast", "SelectV2",
     [In((3, 1), "bool", booleans()), In((3, 4)), In((4,))],
     lambda rng, c, x, y: tf.raw_ops.SelectV2(condition=c, t=x, e=y))
case("select_same_shape", "Select",
     [In((3, 4), "bool", booleans()), In((3, 4)), In((3, 4))],
     lambda rng, c, x, y: tf.raw_ops.Select(condition=c, x=x, y=y))
case("select_rows", "Select",
     [In((3,), "bool", booleans()), In((3, 2, 4)), In((3, 2, 4))],
     lambda rng, c, x, y: tf.raw_ops.Select(condition=c, x=x, y=y))
case("select_from_less", "pattern", [In((3, 5)), In((3, 5))],
     lambda rng, x, y: tf.raw_ops.SelectV2(
         condition=tf.raw_ops.Less(x=x, y=y), t=x, e=y * 2.0))
case("add_n", "AddN", [In((2, 3)), In((2, 3)), In((2, 3))],
     lambda rng, a, b, c: tf.raw_ops.AddN(inputs=[a, b, c]))
case("add_n_one", "AddN", [In((2, 3))],
     lambda rng, a: tf.raw_ops.AddN(inputs=[a]))

# Binary element-wise ops with numpy broadcasting.
BROADCASTS = {
    "same": ((2, 3), (2, 3)),
    "row": ((2, 3), (3,)),             # [2,3] + [3]
    "outer": ((2, 1, 4), (3, 1)),      # [2,1,4] + [3,1] -> [2,3,4]
    "scalar": ((), (2, 3)),            # scalar + [2,3]
}
for _op in ("Add", "AddV2", "Sub", "Mul", "RealDiv", "Maximum", "Minimum"):
    for _kind, (_a, _b) in BROADCASTS.items():
        _b_sample = away_from_zero(0.5, 2.0) if _op == "RealDiv" else None
        case(f"{_op.lower()}_{_kind}", _op, [In(_a), In(_b, sample=_b_sample)],
             lambda rng, a, b, op=_op: getattr(tf.raw_ops, op)(x=a, y=b))
for _op in ("AddV2", "Sub", "Mul", "Maximum"):
    case(f"{_op.lower()}_int32", _op,
         [In((2, 3), "int32", integers(-100, 100)),
          In((3,), "int32", integers(-100, 100))],
         lambda rng, a, b, op=_op: getattr(tf.raw_ops, op)(x=a, y=b))


# Reductions: axes lists and scalars, negative axes, keep_dims.
def _reduce(name, op, axes, keep_dims, shape=(2, 3, 4, 5), dtype="float32",
            axes_dtype=np.int32, sample=None):
    def build(rng, x_in):
        axis = tf.constant(np.asarray(axes, axes_dtype))
        return getattr(tf.raw_ops, op)(input=x_in, axis=axis,
                                       keep_dims=keep_dims)
    case(name, op, [In(shape, dtype, sample)], build)


_reduce("mean_12_keep", "Mean", [1, 2], True)
_reduce("mean_12", "Mean", [1, 2], False)
_reduce("mean_neg1", "Mean", [-1], False)
_reduce("mean_scalar_axis", "Mean", 1, False)
_reduce("mean_all", "Mean", [0, 1, 2, 3], False)
_reduce("mean_neg_axes_keep", "Mean", [-1, -3], True)
_reduce("mean_int64_axes", "Mean", [2], False, axes_dtype=np.int64)
_reduce("mean_rank2_axis1", "Mean", [1], True, shape=(4, 9))
_reduce("sum_0_keep", "Sum", [0], True)
_reduce("sum_13", "Sum", [1, 3], False)
_reduce("sum_neg1_keep", "Sum", [-1], True)
_reduce("sum_all", "Sum", [0, 1, 2, 3], False)
_reduce("sum_no_axes", "Sum", np.zeros(0, np.int32), False)
_reduce("sum_int32", "Sum", [1], False, shape=(3, 4), dtype="int32",
        sample=integers(-100, 100))
_reduce("max_neg1", "Max", [-1], False)
_reduce("max_02_keep", "Max", [0, 2], True)
_reduce("max_all", "Max", [0, 1, 2, 3], False)
_reduce("max_negative_values", "Max", [1, 2], False, sample=normal(1.0, -10.0))
_reduce("min_neg1", "Min", [-1], False)
_reduce("min_02_keep", "Min", [0, 2], True, sample=normal(1.0, 10.0))
_reduce("min_int32", "Min", [0], False, shape=(3, 4), dtype="int32",
        sample=integers(-100, 100))
_reduce("prod_1", "Prod", [1], False, sample=uniform(0.5, 1.5))
_reduce("prod_all_keep", "Prod", [0, 1, 2, 3], True, shape=(2, 3, 2, 2),
        sample=uniform(0.5, 1.5))
_reduce("prod_int64", "Prod", [-1], False, shape=(3, 4), dtype="int64",
        sample=integers(-5, 6))
_reduce("all_1", "All", [1], False, shape=(3, 4), dtype="bool",
        sample=lambda rng, shape: rng.uniform(size=shape) < 0.8)
_reduce("any_0_keep", "Any", [0], True, shape=(3, 4), dtype="bool",
        sample=lambda rng, shape: rng.uniform(size=shape) < 0.2)


# Cumsum: every exclusive/reverse combination, negative and first axes,
# int64 axis, integers, double, rank 1, a long axis.
def _cumsum(name, shape, axis, exclusive=False, reverse=False,
            dtype="float32", axis_dtype=np.int32, sample=None):
    case(name, "Cumsum", [In(shape, dtype, sample)],
         lambda rng, x_in: tf.raw_ops.Cumsum(
             x=x_in, axis=tf.constant(axis_dtype(axis)), exclusive=exclusive,
             reverse=reverse))


_cumsum("cumsum_axis1", (2, 3, 4, 5), 1)
_cumsum("cumsum_axis1_exclusive", (2, 3, 4, 5), 1, exclusive=True)
_cumsum("cumsum_axis1_reverse", (2, 3, 4, 5), 1, reverse=True)
_cumsum("cumsum_axis1_exclusive_reverse", (2, 3, 4, 5), 1, exclusive=True,
        reverse=True)
_cumsum("cumsum_neg1", (3, 7), -1)
_cumsum("cumsum_axis0_exclusive_int64_axis", (4, 3), 0, exclusive=True,
        axis_dtype=np.int64)
_cumsum("cumsum_int32_reverse", (3, 6), -2, reverse=True, dtype="int32",
        sample=integers(-100, 100))
_cumsum("cumsum_int64_exclusive", (5,), 0, exclusive=True, dtype="int64",
        sample=integers(-1000, 1000))
_cumsum("cumsum_double_exclusive_reverse", (2, 9), 1, exclusive=True,
        reverse=True, dtype="float64")
_cumsum("cumsum_rank1", (1,), 0)
_cumsum("cumsum_long_axis", (3, 1001), 1, sample=normal(1 / np.sqrt(1001)))


# Two Cumsum loops whose results are both read afterwards: each loop's
# buffers stay live until its result is last read.
def _two_cumsums(rng, x_in):
    rows = tf.raw_ops.Cumsum(x=x_in, axis=tf.constant(np.int32(1)))
    columns = tf.raw_ops.Cumsum(x=x_in, axis=tf.constant(np.int32(0)),
                                exclusive=True, reverse=True)
    return tf.raw_ops.AddV2(x=rows, y=columns)


case("cumsum_two_loops", "Cumsum", [(6, 5)], _two_cumsums)

# Pad with constant paddings (and PadV2 with a constant value).
def _pad(name, shape, paddings, dtype="float32", paddings_dtype=np.int32,
         value=None):
    def build(rng, x_in):
        pads = tf.constant(np.asarray(paddings, paddings_dtype))
        if value is None:
            return tf.raw_ops.Pad(input=x_in, paddings=pads)
        return tf.raw_ops.PadV2(input=x_in, paddings=pads,
                                constant_values=tf.constant(value, dtype))
    sample = integers(-100, 100) if dtype == "int32" else None
    case(name, "Pad" if value is None else "PadV2", [In(shape, dtype, sample)],
         build)


_pad("pad_mobilenet", (1, 5, 5, 3), [[0, 0], [0, 1], [0, 1], [0, 0]])
_pad("pad_symmetric", (1, 4, 5, 2), [[0, 0], [1, 1], [2, 2], [0, 0]])
_pad("pad_rank2", (3, 4), [[1, 2], [3, 0]])
_pad("pad_int64_paddings", (2, 3), [[0, 1], [2, 0]], paddings_dtype=np.int64)
_pad("pad_int32", (2, 3), [[1, 1], [0, 2]], dtype="int32")
_pad("padv2_value", (2, 3, 2), [[0, 1], [1, 1], [0, 0]], value=1.5)


# MirrorPad: REFLECT up to size - 1, SYMMETRIC up to size, per axis.
def _mirror_pad(name, shape, paddings, mode, dtype="float32", sample=None):
    case(name, "MirrorPad", [In(shape, dtype, sample)],
         lambda rng, x: tf.raw_ops.MirrorPad(
             input=x, paddings=i32(paddings), mode=mode))


_mirror_pad("mirror_pad_reflect", (1, 4, 5, 2), [[0, 0], [3, 1], [2, 4], [0, 0]],
            "REFLECT")
_mirror_pad("mirror_pad_symmetric", (3, 4), [[3, 0], [1, 4]], "SYMMETRIC")
_mirror_pad("mirror_pad_int32", (2, 3), [[1, 1], [2, 0]], "REFLECT", "int32",
            integers(-9, 9))
_mirror_pad("mirror_pad_uint8", (2, 3), [[1, 1], [0, 2]], "SYMMETRIC", "uint8",
            integers(0, 256))

# ConcatV2: axis 0, last, negative; 2 and 3 inputs.
def _concat(name, shapes, axis, dtype="float32", axis_dtype=np.int32):
    def build(rng, *xs):
        return tf.raw_ops.ConcatV2(values=list(xs),
                                   axis=tf.constant(axis_dtype(axis)))
    sample = integers(-100, 100) if dtype == "int32" else None
    case(name, "ConcatV2", [In(s, dtype, sample) for s in shapes], build)


_concat("concat_axis0", [(2, 3), (4, 3)], 0)
_concat("concat_axis_last", [(1, 4, 4, 3), (1, 4, 4, 5)], 3)
_concat("concat_axis_neg1", [(1, 4, 4, 3), (1, 4, 4, 5)], -1)
_concat("concat_axis1_three", [(2, 1, 3), (2, 2, 3), (2, 3, 3)], 1)
_concat("concat_int64_axis", [(2, 2), (2, 3)], 1, axis_dtype=np.int64)
_concat("concat_int32", [(2, 3), (1, 3)], 0, dtype="int32")
# Concat, the old form: the axis comes first.
case("concat_v1_axis1", "Concat", [(2, 3), (2, 2)],
     lambda rng, a, b: tf.raw_ops.Concat(concat_dim=i32(1), values=[a, b]))


# Squeeze, ExpandDims, Transpose, Reshape: data movement.
def _squeeze(name, shape, dims):
    case(name, "Squeeze", [shape],
         lambda rng, x_in: tf.raw_ops.Squeeze(input=x_in, axis=list(dims)))


_squeeze("squeeze_all", (1, 3, 1, 4), [])
_squeeze("squeeze_dims", (1, 3, 1, 4), [2])
_squeeze("squeeze_neg_dims", (1, 3, 1, 4), [-2])
_squeeze("squeeze_keras_bias", (1, 1, 1, 8), [])
_squeeze("squeeze_12", (2, 1, 1, 5), [1, 2])


def _expand_dims(name, shape, axis, axis_dtype=np.int32):
    case(name, "ExpandDims", [shape],
         lambda rng, x_in: tf.raw_ops.ExpandDims(
             input=x_in, axis=tf.constant(axis_dtype(axis))))


_expand_dims("expand_dims_0", (3, 4), 0)
_expand_dims("expand_dims_neg1", (3, 4), -1)
_expand_dims("expand_dims_1_int64", (3, 4), 1, np.int64)


def _transpose(name, shape, perm, perm_dtype=np.int32):
    case(name, "Transpose", [shape],
         lambda rng, x_in: tf.raw_ops.Transpose(
             x=x_in, perm=tf.constant(np.asarray(perm, perm_dtype))))


_transpose("transpose_2d", (3, 5), [1, 0])
_transpose("transpose_nhwc_to_nchw", (2, 3, 4, 5), [0, 3, 1, 2])
_transpose("transpose_nchw_to_nhwc", (2, 3, 4, 5), [0, 2, 3, 1])
_transpose("transpose_3d", (2, 3, 4), [2, 0, 1])
_transpose("transpose_identity", (2, 3, 4), [0, 1, 2])
_transpose("transpose_int64_perm", (2, 3, 4), [1, 2, 0], np.int64)


def _reshape(name, shape, new_shape, shape_dtype=np.int32, batch=1):
    case(name, "Reshape", [shape],
         lambda rng, x_in: tf.raw_ops.Reshape(
             tensor=x_in, shape=tf.constant(np.asarray(new_shape, shape_dtype))),
         batch)


_reshape("reshape_neg1_first", (2, 3, 4), [-1, 4])
_reshape("reshape_neg1_last", (2, 3, 4), [6, -1])
_reshape("reshape_flatten", (2, 3, 4), [24])
_reshape("reshape_add_unit_dims", (2, 3, 4), [1, 2, 1, 12])
_reshape("reshape_int64_shape", (2, 3, 4), [4, 6], np.int64)
_reshape("reshape_dynamic_batch", (None, 3, 4), [-1, 12], batch=2)


# StridedSlice: begin/end/strides, the masks, negative indices and strides,
# clamping, ellipsis and new axes; on x [4, 6, 8].
def _strided_slice(name, begin, end, strides, index_dtype=np.int32, **masks):
    def build(rng, x_in):
        return tf.raw_ops.StridedSlice(
            input=x_in, begin=tf.constant(np.asarray(begin, index_dtype)),
            end=tf.constant(np.asarray(end, index_dtype)),
            strides=tf.constant(np.asarray(strides, index_dtype)), **masks)
    case(name, "StridedSlice", [(4, 6, 8)], build)


_strided_slice("strided_slice_basic", [1, 0, 2], [3, 6, 7], [1, 2, 1])
_strided_slice("strided_slice_begin_mask", [1, 2, 3], [3, 5, 7], [1, 1, 1],
               begin_mask=0b101)
_strided_slice("strided_slice_end_mask", [1, 2, 3], [3, 5, 7], [1, 1, 1],
               end_mask=0b110)
_strided_slice("strided_slice_shrink_first", [1, 0, 0], [2, 0, 0], [1, 1, 1],
               end_mask=0b110, shrink_axis_mask=0b001)  # x[1]
_strided_slice("strided_slice_shrink_last", [0, 0, 3], [0, 0, 4], [1, 1, 1],
               begin_mask=0b011, end_mask=0b011,
               shrink_axis_mask=0b100)  # x[:, :, 3]
_strided_slice("strided_slice_negative_indices", [-3, 1, -5], [-1, -1, 8],
               [1, 1, 1])
_strided_slice("strided_slice_reverse", [0, 0, 0], [0, 0, 0], [-1, 1, 1],
               begin_mask=0b111, end_mask=0b111)  # x[::-1]
_strided_slice("strided_slice_stride_neg2", [3, 0, 7], [0, 6, 0], [-2, 1, -3],
               begin_mask=0b010, end_mask=0b010)  # x[3:0:-2, :, 7:0:-3]
_strided_slice("strided_slice_clamp", [0, 2, -100], [100, 100, 100],
               [1, 3, 2])
_strided_slice("strided_slice_ellipsis", [0, 1], [0, 3], [1, 1],
               ellipsis_mask=0b01)  # x[..., 1:3]
_strided_slice("strided_slice_new_axis", [0, 0, 1], [0, 0, 0], [1, 1, 1],
               begin_mask=0b001, end_mask=0b101,
               new_axis_mask=0b010)  # x[:, newaxis, 1:]
_strided_slice("strided_slice_int64", [1, 1, 1], [4, 5, 6], [2, 2, 2],
               index_dtype=np.int64)
# A strided dimension of one element next to a shrunk one (differential
# finding 2), and a reversed dimension next to one taken from 0 with stride 1
# (finding 4), alone and with an ellipsis and new axes.
_strided_slice("strided_slice_unit_strided_shrink", [1, 3, 0], [2, 4, 0],
               [2, 1, 3], end_mask=0b100,
               shrink_axis_mask=0b010)  # x[1:2:2, 3, ::3]
_strided_slice("strided_slice_reverse_partial", [0, -2, 2], [1, 1, 4],
               [1, -1, 1], begin_mask=0b001)  # x[:1, -2:1:-1, 2:4]
_strided_slice("strided_slice_ellipsis_unit_strided", [0, 2, 3], [0, 4, 4],
               [1, 5, 1], ellipsis_mask=0b001,
               shrink_axis_mask=0b100)  # x[..., 2:4:5, 3]
_strided_slice("strided_slice_new_axis_ellipsis_reverse", [0, 0, 5, 1],
               [0, 0, 0, 2], [1, 1, -2, 1], new_axis_mask=0b0001,
               ellipsis_mask=0b0010,
               shrink_axis_mask=0b1000)  # x[newaxis, ..., 5:0:-2, 1]


def _slice(name, begin, size, index_dtype=np.int32):
    case(name, "Slice", [(4, 6, 8)],
         lambda rng, x_in: tf.raw_ops.Slice(
             input=x_in, begin=tf.constant(np.asarray(begin, index_dtype)),
             size=tf.constant(np.asarray(size, index_dtype))))


_slice("slice_basic", [1, 2, 3], [2, 3, 4])
_slice("slice_unit_dims", [3, 0, 7], [1, -1, 1])
_slice("slice_size_neg1", [1, 0, 5], [-1, 2, -1])
_slice("slice_int64", [0, 3, 0], [4, 3, 8], np.int64)


# Unpack, Split, SplitV, IdentityN: several outputs, all fetched.
case("unpack_axis1", "Unpack", [(2, 3, 4)],
     lambda rng, x: tf.raw_ops.Unpack(value=x, num=3, axis=1))
case("unpack_axis_neg1", "Unpack", [(2, 3, 4)],
     lambda rng, x: tf.raw_ops.Unpack(value=x, num=4, axis=-1))
case("unpack_int32", "Unpack", [In((3, 2), "int32", integers(-9, 9))],
     lambda rng, x: tf.raw_ops.Unpack(value=x, num=3, axis=0))
case("split_axis1", "Split", [(2, 6)],
     lambda rng, x: tf.raw_ops.Split(axis=i32(1), value=x, num_split=3))
case("split_axis_neg1_batch", "Split", [(None, 8)],
     lambda rng, x: tf.raw_ops.Split(axis=i32(-1), value=x, num_split=4),
     batch=3)
case("split_v", "SplitV", [(2, 7)],
     lambda rng, x: tf.raw_ops.SplitV(value=x, size_splits=i32([2, -1, 3]),
                                      axis=i32(1), num_split=3))
case("split_v_int64", "SplitV", [(5, 2)],
     lambda rng, x: tf.raw_ops.SplitV(value=x, size_splits=i64([1, 4]),
                                      axis=i32(0), num_split=2))
case("identity_n", "IdentityN", [(2, 3), In((4,), "int32", integers(-9, 9))],
     lambda rng, x, y: tf.raw_ops.IdentityN(input=[x * 2.0, y]))


# Fill, ZerosLike, OnesLike, BroadcastTo, Tile, Range.
case("fill", "Fill", [()],
     lambda rng, v: tf.raw_ops.Fill(dims=i32([2, 3]), value=v))
case("fill_from_shape", "pattern", [(None, 3)],
     lambda rng, x: x + tf.raw_ops.Fill(dims=tf.shape(x), value=2.5),
     batch=4)
case("zeros_like", "ZerosLike", [(2, 3)],
     lambda rng, x: tf.raw_ops.ZerosLike(x=x))
case("ones_like_int32", "OnesLike", [In((2, 3), "int32", integers(-9, 9))],
     lambda rng, x: tf.raw_ops.OnesLike(x=x))
case("broadcast_to", "BroadcastTo", [(3, 1)],
     lambda rng, x: tf.raw_ops.BroadcastTo(input=x, shape=i32([2, 3, 4])))
case("broadcast_to_int64_shape", "BroadcastTo", [(4,)],
     lambda rng, x: tf.raw_ops.BroadcastTo(input=x, shape=i64([3, 4])))
case("tile", "Tile", [(2, 3)],
     lambda rng, x: tf.raw_ops.Tile(input=x, multiples=i32([2, 3])))
case("tile_unit_dims", "Tile", [In((1, 3, 1), "int32", integers(-9, 9))],
     lambda rng, x: tf.raw_ops.Tile(input=x, multiples=i64([2, 1, 4])))
case("range_int32", "Range", [In((5,), "int32", integers(-9, 9))],
     lambda rng, x: x + tf.raw_ops.Range(start=i32(3), limit=i32(-7),
                                         delta=i32(-2)))
case("range_float", "Range", [(7,)],
     lambda rng, x: x + tf.raw_ops.Range(start=tf.constant(0.1),
                                         limit=tf.constant(1.0),
                                         delta=tf.constant(0.13)))


# GatherV2 / Gather: constant and fed indices, every axis.
def _gather(name, params, indices, axis, fed=False, v1=False):
    index_in = [In(np.shape(indices), "int32",
                   lambda rng, shape, v=indices: np.asarray(v))] if fed else []

    def build(rng, p, idx=None):
        idx = idx if fed else i32(indices)
        if v1:
            return tf.raw_ops.Gather(params=p, indices=idx)
        return tf.raw_ops.GatherV2(params=p, indices=idx, axis=i32(axis))
    case(name, "Gather" if v1 else "GatherV2", [params] + index_in, build)


_gather("gather_v2_axis0", (5, 3), [4, 0, 2, 2], 0)
_gather("gather_v2_axis1_matrix", (2, 5, 3), [[1, 4], [0, 0], [3, 2]], 1)
_gather("gather_v2_axis_neg1_fed", (2, 3, 6), [5, 1, 0], -1, fed=True)
_gather("gather_v2_scalar_index", (4, 3), 2, 0)
_gather("gather_v1", (6, 2), [[5], [0]], 0, v1=True)

# SpaceToBatchND / BatchToSpaceND: one and two block dimensions, paddings
# and crops, trailing dimensions.
case("space_to_batch_nd_2d", "SpaceToBatchND", [(2, 5, 6, 3)],
     lambda rng, x: tf.raw_ops.SpaceToBatchND(
         input=x, block_shape=i32([2, 3]), paddings=i32([[1, 0], [0, 0]])))
case("space_to_batch_nd_1d", "SpaceToBatchND", [(1, 7, 2)],
     lambda rng, x: tf.raw_ops.SpaceToBatchND(
         input=x, block_shape=i32([4]), paddings=i64([[0, 1]])))
case("batch_to_space_nd_2d", "BatchToSpaceND", [(12, 3, 2, 2)],
     lambda rng, x: tf.raw_ops.BatchToSpaceND(
         input=x, block_shape=i32([2, 3]), crops=i32([[1, 0], [0, 2]])))
case("batch_to_space_nd_1d", "BatchToSpaceND", [(4, 3, 5)],
     lambda rng, x: tf.raw_ops.BatchToSpaceND(
         input=x, block_shape=i32([2]), crops=i32([[0, 1]])))
case("dilated_conv_space_to_batch", "pattern", [(1, 9, 8, 3)],
     lambda rng, x: tf.nn.convolution(
         x, weights(rng, (3, 3, 3, 4), 0.3), padding="SAME",
         dilations=[2, 2]))
# More of tf.nn's SpaceToBatchND-wrapped dilated convolutions, which
# tfc-fold-space-to-batch-conv turns into dilated convolutions: VALID (crops
# at the end), unequal rates, a batch of 2, depthwise, and the Conv1D form
# (ExpandDims and Squeeze around the Conv2D).
case("dilated_conv_valid_space_to_batch", "pattern", [(2, 11, 10, 3)],
     lambda rng, x: tf.nn.convolution(
         x, weights(rng, (3, 2, 3, 4), 0.3), padding="VALID",
         dilations=[3, 2]))
case("dilated_depthwise_space_to_batch", "pattern", [(1, 9, 10, 4)],
     lambda rng, x: tf.nn.depthwise_conv2d(
         x, weights(rng, (3, 3, 4, 2), 0.3), strides=[1, 1, 1, 1],
         padding="SAME", dilations=[2, 3]))
case("dilated_conv1d_space_to_batch", "pattern", [(1, 13, 4)],
     lambda rng, x: tf.nn.convolution(
         x, weights(rng, (3, 4, 5), 0.3), padding="SAME", dilations=[3]))

# BatchMatMulV2/V3: batch broadcasting and adjoints; two matrices are a
# MatMul.
def _batch_matmul(name, x, y, adj_x=False, adj_y=False, v3=False,
                  dtype="float32", sample=None):
    def build(rng, a, b):
        if v3:
            return tf.raw_ops.BatchMatMulV3(x=a, y=b, Tout=tf.as_dtype(dtype),
                                            adj_x=adj_x, adj_y=adj_y)
        return tf.raw_ops.BatchMatMulV2(x=a, y=b, adj_x=adj_x, adj_y=adj_y)
    case(name, "BatchMatMulV3" if v3 else "BatchMatMulV2",
         [In(x, dtype, sample), In(y, dtype, sample)], build)


_batch_matmul("batch_matmul_v2", (3, 2, 4), (3, 4, 5))
# BatchMatMul (v1): equal batch dimensions, adjoints.
case("batch_matmul_v1_adj", "BatchMatMul", [(2, 3, 4), (2, 5, 3)],
     lambda rng, a, b: tf.raw_ops.BatchMatMul(x=a, y=b, adj_x=True,
                                              adj_y=True))
_batch_matmul("batch_matmul_v2_broadcast", (2, 1, 3, 4), (5, 4, 2))
_batch_matmul("batch_matmul_v2_adjoints", (2, 4, 3), (2, 5, 4), adj_x=True,
              adj_y=True)
_batch_matmul("batch_matmul_v2_rank2", (3, 4), (5, 4), adj_y=True)
_batch_matmul("batch_matmul_v3_int32", (2, 3, 4), (4, 2), v3=True,
              dtype="int32", sample=integers(-9, 9))


# Einsum, taken apart on import: the matmul-like forms (batched, broadcast
# '...', transposed operands, attention's), outer and elementwise products,
# dot products, labels summed from one operand, one-operand transposes and
# sums; odd sizes, int32 and double, frozen weights (EinsumDense), an unknown
# batch.
def _einsum(name, equation, *shapes, dtype="float32", sample=None,
            const_last=False, batch=1):
    def build(rng, *fed):
        operands = list(fed)
        if const_last:
            operands.append(weights(rng, shapes[-1]))
        return tf.raw_ops.Einsum(inputs=operands, equation=equation)
    fed_shapes = shapes[:-1] if const_last else shapes
    case(name, "Einsum", [In(shape, dtype, sample) for shape in fed_shapes],
         build, batch)


_einsum("einsum_matmul", "ij,jk->ik", (5, 7), (7, 3))
_einsum("einsum_matmul_transposed_b", "ij,kj->ik", (5, 7), (3, 7))
_einsum("einsum_matmul_transposed_a", "ji,jk->ik", (7, 5), (7, 3))
_einsum("einsum_matmul_output_transposed", "ij,jk->ki", (5, 7), (7, 3))
_einsum("einsum_batch_matmul", "bij,bjk->bik", (3, 5, 7), (3, 7, 4))
_einsum("einsum_batch_times_matrix", "bij,jk->bik", (3, 5, 7), (7, 4))
_einsum("einsum_batch_times_matrix_const", "bij,jk->bik", (3, 5, 7), (7, 4),
        const_last=True)
_einsum("einsum_attention_scores", "bhqd,bhkd->bhqk", (2, 3, 5, 7),
        (2, 3, 6, 7))
_einsum("einsum_attention_values", "bhqk,bhkd->bhqd", (2, 3, 5, 6),
        (2, 3, 6, 7))
_einsum("einsum_attention_scores_dynamic_batch", "bhqd,bhkd->bhqk",
        (None, 3, 5, 7), (None, 3, 6, 7), batch=2)
_einsum("einsum_ellipsis_matmul", "...ij,...jk->...ik", (2, 3, 5, 7),
        (2, 3, 7, 4))
_einsum("einsum_ellipsis_broadcast", "...ij,...jk->...ik", (2, 1, 5, 7),
        (3, 7, 4))
_einsum("einsum_ellipsis_rank2", "...ij,...jk->...ik", (5, 7), (2, 7, 4))
_einsum("einsum_outer", "i,j->ij", (5,), (7,))
_einsum("einsum_batch_outer", "bi,bj->bji", (3, 5), (3, 7))
_einsum("einsum_rowwise_dot", "ij,ij->i", (5, 7), (5, 7))
_einsum("einsum_dot", "i,i->", (7,), (7,))
_einsum("einsum_elementwise", "ij,ij->ji", (5, 7), (5, 7))
_einsum("einsum_broadcast_mul", "ij,j->ij", (5, 7), (7,))
_einsum("einsum_matvec", "ij,j->i", (5, 7), (7,))
_einsum("einsum_summed_alone", "ij,jk->i", (5, 7), (7, 4))
_einsum("einsum_summed_both", "abc,cd->b", (2, 5, 7), (7, 3))
# Keras 3 MultiHeadAttention's EinsumDense and attention equations.
_einsum("einsum_keras_query_dense", "abc,cde->abde", (2, 5, 7), (7, 3, 4),
        const_last=True)
_einsum("einsum_keras_output_dense", "abcd,cde->abe", (2, 5, 3, 4),
        (3, 4, 7), const_last=True)
_einsum("einsum_keras_attention_scores", "aecd,abcd->acbe", (2, 6, 3, 4),
        (2, 5, 3, 4))
_einsum("einsum_keras_attention_values", "acbe,aecd->abcd", (2, 3, 5, 6),
        (2, 6, 3, 4))
_einsum("einsum_int32", "bij,bjk->bik", (2, 3, 5), (2, 5, 4), dtype="int32",
        sample=integers(-9, 9))
_einsum("einsum_double", "ij,kj->ik", (5, 7), (3, 7), dtype="float64")
_einsum("einsum_transpose", "ij->ji", (5, 7))
_einsum("einsum_transpose_ellipsis", "...ij->...ji", (2, 3, 5))
_einsum("einsum_sum_rows", "ij->i", (5, 7))
_einsum("einsum_sum_and_transpose", "ijk->ki", (3, 5, 7))
_einsum("einsum_sum_all", "ij->", (5, 7))
_einsum("einsum_identity", "ij->ij", (5, 7))
_einsum("large_einsum_batch_matmul", "bij,bjk->bik", (3, 37, 129),
        (3, 129, 67), sample=normal(1 / np.sqrt(129)))


# OneHot: last and middle axis, out-of-range and negative indices.
def _one_hot(name, shape, depth, axis, on=1.0, off=0.0, index_dtype="int32"):
    case(name, "OneHot", [In(shape, index_dtype, integers(-1, depth + 1))],
         lambda rng, i: tf.raw_ops.OneHot(
             indices=i, depth=i32(depth), on_value=tf.constant(on),
             off_value=tf.constant(off), axis=axis))


_one_hot("one_hot", (2, 3), 4, -1)
_one_hot("one_hot_axis0", (5,), 3, 0, on=2.5, off=-1.0)
_one_hot("one_hot_axis1_int64", (2, 3), 4, 1, index_dtype="int64")

# DepthToSpace / SpaceToDepth (NHWC): reshape, transpose, reshape.
case("depth_to_space", "DepthToSpace", [(2, 2, 3, 8)],
     lambda rng, x: tf.raw_ops.DepthToSpace(input=x, block_size=2))
case("space_to_depth", "SpaceToDepth", [(1, 6, 4, 3)],
     lambda rng, x: tf.raw_ops.SpaceToDepth(input=x, block_size=2))
case("space_to_depth_b3", "SpaceToDepth", [In((2, 3, 6, 2), "int32",
                                              integers(-9, 9))],
     lambda rng, x: tf.raw_ops.SpaceToDepth(input=x, block_size=3))

# Shape as a graph output (static once the feeds are known).
def _shape(name, shape, out_type, batch=1):
    case(name, "Shape", [shape],
         lambda rng, x_in: tf.raw_ops.Shape(input=x_in,
                                           out_type=tf.as_dtype(out_type)),
         batch)


_shape("shape_int32", (2, 3, 4), "int32")
_shape("shape_int64", (2, 3, 4), "int64")
_shape("shape_dynamic_batch", (None, 3, 4), "int32", batch=5)


# Pack: axis 0, 1, -1; int32 scalars as in Keras' Flatten shape chain.
def _pack(name, shapes, axis, dtype="float32"):
    sample = integers(-100, 100) if dtype == "int32" else None
    case(name, "Pack", [In(s, dtype, sample) for s in shapes],
         lambda rng, *xs: tf.raw_ops.Pack(values=list(xs), axis=axis))


_pack("pack_axis0", [(2, 3)] * 3, 0)
_pack("pack_axis1", [(2, 3)] * 3, 1)
_pack("pack_axis_neg1", [(2, 3)] * 2, -1)
_pack("pack_scalars_int32", [()] * 3, 0, "int32")
_pack("pack_one_input", [(4,)], 0)


# Cast between float32, float64, int32, int64 and bool. float -> int
# truncates toward zero.
def _cast(name, shape, src, dst, sample=None):
    case(name, "Cast", [In(shape, src, sample)],
         lambda rng, x_in: tf.raw_ops.Cast(x=x_in, DstT=tf.as_dtype(dst)))


_cast("cast_float_to_int32", (3, 8), "float32", "int32", uniform(-100, 100))
_cast("cast_int32_to_float", (3, 8), "int32", "float32",
      integers(-1000, 1000))
_cast("cast_bool_to_float", (3, 8), "bool", "float32", booleans())
_cast("cast_float_to_bool", (3, 8), "float32", "bool",
      lambda rng, shape: rng.integers(-1, 2, size=shape) * rng.uniform(
          0.5, 2.0, size=shape))
_cast("cast_int64_to_int32", (3, 8), "int64", "int32", integers(-1000, 1000))
_cast("cast_int32_to_int64", (3, 8), "int32", "int64", integers(-1000, 1000))
_cast("cast_float_to_double", (3, 8), "float32", "float64")


# ArgMax / ArgMin: axes, output_type int32 and int64 (inputs without ties).
def _argmax(name, op, shape, axis, output_type):
    case(name, op, [In(shape, sample=distinct())],
         lambda rng, x_in: getattr(tf.raw_ops, op)(
             input=x_in, dimension=tf.constant(np.int32(axis)),
             output_type=tf.as_dtype(output_type)))


_argmax("argmax_axis1", "ArgMax", (3, 10), 1, "int64")
_argmax("argmax_neg1_int32", "ArgMax", (3, 10), -1, "int32")
_argmax("argmax_axis0", "ArgMax", (3, 10), 0, "int64")
_argmax("argmax_4d_axis3", "ArgMax", (2, 3, 4, 5), 3, "int32")
_argmax("argmin_axis1", "ArgMin", (3, 10), 1, "int64")


# TopKV2: k from 1 to n (k = 0 gives empty results, which no fetch can take
# yet: upstream's bare-pointer calling convention keeps a function with a
# zero-sized memref argument out of LLVM), many ties (small integers as floats: the
# lower index comes first), ranks 1 to 3, integer and double inputs, Tk and
# index_type int64. With sorted=false TensorFlow returns the same elements
# in a heap order of its own (for 1 < k < n), so those cases compare
# order-independent sums: the values' sum and each row's multi-hot indices.
def _top_k(name, shape, k, sorted=True, dtype="float32", k_dtype=np.int32,
           index_type="int32", sample=integers(0, 5)):
    case(name, "TopKV2", [In(shape, dtype, sample)],
         lambda rng, x_in: list(tf.raw_ops.TopKV2(
             input=x_in, k=tf.constant(k_dtype(k)), sorted=sorted,
             index_type=tf.as_dtype(index_type))))


def _top_k_unsorted_sums(rng, x_in):
    values, indices = tf.raw_ops.TopKV2(input=x_in, k=tf.constant(np.int32(4)),
                                        sorted=False)
    hot = tf.raw_ops.OneHot(indices=indices, depth=tf.constant(np.int32(9)),
                            on_value=tf.constant(np.float32(1)),
                            off_value=tf.constant(np.float32(0)), axis=-1)
    k_axis = tf.constant(np.int32(1))
    return [tf.raw_ops.Sum(input=values, axis=k_axis),
            tf.raw_ops.Sum(input=hot, axis=k_axis)]


_top_k("top_k_v2_k3", (3, 10), 3)
_top_k("top_k_v2_k1", (4, 7), 1)
_top_k("top_k_v2_kn", (3, 6), 6)
_top_k("top_k_v2_rank1", (9,), 4, sample=normal())
_top_k("top_k_v2_rank3", (2, 3, 8), 5)
_top_k("top_k_v2_int32", (3, 10), 4, dtype="int32", sample=integers(-3, 3))
_top_k("top_k_v2_int64_k_index", (2, 7), 3, dtype="int64", k_dtype=np.int64,
       index_type="int64", sample=integers(-2, 2))
_top_k("top_k_v2_double", (2, 9), 4, dtype="float64", sample=normal())
_top_k("top_k_v2_unsorted_k1", (3, 8), 1, sorted=False)
_top_k("top_k_v2_unsorted_kn", (3, 8), 8, sorted=False)
case("top_k_v2_unsorted_sums", "TopKV2", [In((5, 9), "float32",
                                             integers(0, 4))],
     _top_k_unsorted_sums)
_top_k("large_top_k_v2", (4, 1001), 5, sample=normal())
_top_k("large_top_k_v2_ties", (2, 67), 33, sample=integers(0, 9))

# ResizeBilinear and ResizeNearestNeighbor: up and down, non-integer ratios,
# sizes of 1 (in and out), the input's own size, each of legacy,
# align_corners and half_pixel_centers; integer, uint8, half and double
# images (ResizeBilinear's output is float for all of them).
_RESIZE_MODES = {"legacy": (False, False), "align": (True, False),
                 "half": (False, True)}


def _resize(name, op, shape, size, mode, dtype="float32", sample=None,
            batch=1):
    align_corners, half_pixel_centers = _RESIZE_MODES[mode]
    case(name, op, [In(shape, dtype, sample)],
         lambda rng, x_in: getattr(tf.raw_ops, op)(
             images=x_in, size=i32(size), align_corners=align_corners,
             half_pixel_centers=half_pixel_centers), batch)


for _op, _prefix in (("ResizeBilinear", "resize_bilinear"),
                     ("ResizeNearestNeighbor", "resize_nearest")):
    for _mode in _RESIZE_MODES:
        _resize(f"{_prefix}_up_{_mode}", _op, (1, 3, 4, 2), (7, 9), _mode)
        _resize(f"{_prefix}_down_{_mode}", _op, (2, 9, 13, 3), (4, 5), _mode)
        _resize(f"{_prefix}_mixed_{_mode}", _op, (1, 5, 7, 1), (8, 3), _mode)
        _resize(f"{_prefix}_to_1x1_{_mode}", _op, (1, 4, 6, 2), (1, 1), _mode)
        _resize(f"{_prefix}_from_1x1_{_mode}", _op, (1, 1, 1, 3), (3, 4),
                _mode)
        _resize(f"{_prefix}_to_1x5_{_mode}", _op, (1, 6, 3, 2), (1, 5),
                _mode)
    _resize(f"{_prefix}_same_size", _op, (1, 4, 5, 2), (4, 5), "half")
    _resize(f"{_prefix}_int32", _op, (1, 3, 5, 2), (5, 4), "half", "int32",
            integers(-1000, 1000))
    _resize(f"{_prefix}_uint8", _op, (1, 4, 4, 3), (6, 3), "legacy", "uint8",
            integers(0, 256))
    _resize(f"{_prefix}_double", _op, (1, 4, 3, 1), (3, 7), "align",
            "float64")
    _resize(f"large_{_prefix}", _op, (1, 37, 41, 3), (65, 29), "half")
_resize("resize_bilinear_half", "ResizeBilinear", (1, 4, 5, 2), (7, 3), "half",
        "float16")
_resize("resize_bilinear_int8_same_size", "ResizeBilinear", (1, 3, 3, 1),
        (3, 3), "legacy", "int8", integers(-128, 128))
_resize("resize_nearest_half", "ResizeNearestNeighbor", (1, 4, 5, 2), (7, 3),
        "align", "float16")
_resize("resize_bilinear_batch", "ResizeBilinear", (None, 5, 6, 2), (8, 4),
        "legacy", batch=3)

# MatMul with transposes, frozen weights; BiasAdd NHWC and NCHW; Softmax.
def _matmul(name, a, b, transpose_a=False, transpose_b=False, const_b=False):
    # b is scaled by 1/sqrt(k), as trained weights are, so results stay near
    # unit size and the float32 tolerance means the same for every k.
    scale = 1 / np.sqrt(b[1] if transpose_b else b[0])

    def build(rng, a_in, b_in=None):
        if const_b:
            b_in = weights(rng, b, scale)
        return tf.raw_ops.MatMul(a=a_in, b=b_in, transpose_a=transpose_a,
                                 transpose_b=transpose_b)
    inputs = [In(a)] + ([] if const_b else [In(b, sample=normal(scale))])
    case(name, "MatMul", inputs, build)


_matmul("matmul", (3, 4), (4, 5))
_matmul("matmul_transpose_a", (4, 3), (4, 5), transpose_a=True)
_matmul("matmul_transpose_b", (3, 4), (5, 4), transpose_b=True)
_matmul("matmul_transpose_ab", (4, 3), (5, 4), True, True)
_matmul("matmul_const_b", (2, 64), (64, 10), const_b=True)
_matmul("matmul_1x1", (1, 1), (1, 7))


def _bias_add(name, x, bias, data_format):
    case(name, "BiasAdd", [x, bias],
         lambda rng, v, b: tf.raw_ops.BiasAdd(value=v, bias=b,
                                              data_format=data_format))


_bias_add("bias_add_nhwc", (2, 3, 4, 5), (5,), "NHWC")
_bias_add("bias_add_nchw", (2, 3, 4, 5), (3,), "NCHW")
_bias_add("bias_add_rank2", (3, 7), (7,), "NHWC")
_bias_add("bias_add_nchw_rank3", (2, 3, 4), (3,), "NCHW")

_unary("softmax_rank1", "Softmax", (7,))
_unary("softmax_rank2", "Softmax", (3, 10))
_unary("softmax_rank3", "Softmax", (2, 3, 5))
_unary("softmax_large_logits", "Softmax", (2, 10), normal(50.0))


# Patterns: the op chains frozen Keras graphs are made of.
def _flatten_shape_chain(rng, x_in):
    """Keras' Flatten: Reshape(x, Pack([StridedSlice(Shape(x))[0], -1]))."""
    shape = tf.raw_ops.Shape(input=x_in, out_type=tf.int32)
    batch = tf.raw_ops.StridedSlice(input=shape, begin=i32([0]), end=i32([1]),
                                    strides=i32([1]), shrink_axis_mask=1)
    new_shape = tf.raw_ops.Pack(values=[batch, tf.constant(np.int32(60))],
                                axis=0)
    return tf.raw_ops.Reshape(tensor=x_in, shape=new_shape)


case("pattern_flatten_shape_chain", "pattern", [(None, 3, 4, 5)],
     _flatten_shape_chain, batch=2)


def _keras3_batch_norm(rng, x_in):
    """Keras 3 BatchNormalization: tf.nn.batch_normalization on Consts."""
    channels = 8
    mean = tf.constant(rng.normal(0.3, 0.5, channels).astype(np.float32))
    variance = tf.constant(rng.uniform(0.5, 2.0, channels).astype(np.float32))
    gamma = tf.constant(rng.uniform(0.5, 1.5, channels).astype(np.float32))
    beta = tf.constant(rng.normal(0.0, 0.1, channels).astype(np.float32))
    inv = tf.raw_ops.Rsqrt(x=tf.raw_ops.AddV2(x=variance,
                                               y=tf.constant(np.float32(1e-3))))
    inv = tf.raw_ops.Mul(x=inv, y=gamma)
    shifted = tf.raw_ops.Sub(x=beta, y=tf.raw_ops.Mul(x=mean, y=inv))
    return tf.raw_ops.AddV2(x=tf.raw_ops.Mul(x=x_in, y=inv), y=shifted)


case("pattern_keras3_batch_norm", "pattern", [(1, 4, 4, 8)],
     _keras3_batch_norm)


def _mobilenet_downsample(rng, x_in):
    """MobileNet's stride-2 depthwise block: Pad, VALID conv, Relu6."""
    padded = tf.raw_ops.Pad(input=x_in,
                            paddings=i32([[0, 0], [0, 1], [0, 1], [0, 0]]))
    conv = tf.raw_ops.DepthwiseConv2dNative(
        input=padded, filter=weights(rng, (3, 3, 4, 1), 1 / 3),
        strides=[1, 2, 2, 1], padding="VALID")
    return tf.raw_ops.Relu6(features=conv)


case("pattern_mobilenet_downsample", "pattern", [In((1, 8, 8, 4),
                                                    sample=normal(3.0))],
     _mobilenet_downsample)


def _keras3_conv_bias(rng, x_in):
    """Keras 3 Conv2D bias: Reshape to [1,1,1,C], Squeeze, BiasAdd, Relu."""
    conv = tf.raw_ops.Conv2D(input=x_in,
                             filter=weights(rng, (3, 3, 3, 8), 1 / np.sqrt(27)),
                             strides=[1, 2, 2, 1], padding="VALID")
    bias = tf.raw_ops.Reshape(tensor=weights(rng, (8,), 0.1),
                              shape=i32([1, 1, 1, 8]))
    bias = tf.raw_ops.Squeeze(input=bias, axis=[])
    return tf.raw_ops.Relu(features=tf.raw_ops.BiasAdd(value=conv, bias=bias))


case("pattern_keras3_conv_bias", "pattern", [(1, 9, 11, 3)], _keras3_conv_bias)


def _pooled_classifier(rng, x_in):
    """Global average pool (Mean over H, W), Dense, Softmax."""
    pooled = tf.raw_ops.Mean(input=x_in, axis=i32([1, 2]), keep_dims=False)
    logits = tf.raw_ops.BiasAdd(
        value=tf.raw_ops.MatMul(a=pooled, b=weights(rng, (16, 5), 0.25)),
        bias=weights(rng, (5,), 0.1))
    return [logits, tf.raw_ops.Softmax(logits=logits)]


case("pattern_pooled_classifier", "pattern", [(2, 5, 5, 16)],
     _pooled_classifier)


# Graph structure: Identity, a NoOp carrying a control edge, a
# PlaceholderWithDefault nobody feeds (its default is used).
def _structure(rng, x_in):
    with tf.control_dependencies([tf.no_op(name="barrier")]):
        doubled = tf.raw_ops.Mul(x=x_in, y=tf.constant(2.0))
    default = tf.compat.v1.placeholder_with_default(
        weights(rng, (2, 3)), (2, 3), name="scale")
    return tf.raw_ops.Identity(input=tf.raw_ops.Mul(x=doubled, y=default))


case("graph_structure_ops", "pattern", [(2, 3)], _structure)


# Dequantize of constant weights (evaluated at compile time), each mode and
# quantized type as graph transforms and TF 2's per-channel QuantizeV2 write
# them, then used by a MatMul so the values reach a result.
def _dequantize(name, mode, dtype, shape, axis=-1, narrow_range=False):
    def build(rng, x_in):
        info = {"quint8": (0, 255, np.uint8), "qint8": (-128, 127, np.int8),
                "qint32": (-1000, 1000, np.int32)}[dtype]
        q = rng.integers(info[0], info[1] + 1, shape).astype(info[2])
        channels = shape[axis] if axis >= 0 else 1
        low = -rng.uniform(0.5, 2.0, channels).astype(np.float32)
        high = rng.uniform(0.5, 2.0, channels).astype(np.float32)
        if axis < 0:
            low, high = low[0], high[0]
        w = tf.raw_ops.Dequantize(
            input=tf.constant(q, dtype=getattr(tf, dtype)),
            min_range=tf.constant(low), max_range=tf.constant(high),
            mode=mode, narrow_range=narrow_range, axis=axis)
        return tf.raw_ops.MatMul(a=x_in, b=w)
    case(name, "Dequantize", [(2, shape[0])], build)


_dequantize("dequantize_quint8_min_combined", "MIN_COMBINED", "quint8", (5, 3))
_dequantize("dequantize_quint8_min_first", "MIN_FIRST", "quint8", (4, 6))
_dequantize("dequantize_qint8_scaled", "SCALED", "qint8", (5, 4))
_dequantize("dequantize_qint8_scaled_narrow_per_channel", "SCALED", "qint8",
            (3, 4), axis=1, narrow_range=True)
_dequantize("dequantize_qint32_min_combined", "MIN_COMBINED", "qint32", (4, 2))


# _FusedMatMul, as TensorFlow's grappler remapper writes it into graphs that
# are frozen after optimization: MatMul + BiasAdd (+ Relu).
def _fused_matmul(name, activation=None, transpose_b=False):
    def build(rng, a):
        b_shape = (4, 5) if transpose_b else (5, 4)
        fused = [b"BiasAdd"] + ([activation.encode()] if activation else [])
        graph = tf.compat.v1.get_default_graph()
        op = graph.create_op(
            "_FusedMatMul", [a, weights(rng, b_shape, 0.4),
                             weights(rng, (4,), 0.3)],
            [tf.float32], name="fused",
            attrs={"T": tf.compat.v1.AttrValue(
                       type=tf.float32.as_datatype_enum),
                   "num_args": tf.compat.v1.AttrValue(i=1),
                   "transpose_a": tf.compat.v1.AttrValue(b=False),
                   "transpose_b": tf.compat.v1.AttrValue(b=transpose_b),
                   "fused_ops": tf.compat.v1.AttrValue(
                       list=tf.compat.v1.AttrValue.ListValue(s=fused))})
        return op.outputs[0]
    case(name, "_FusedMatMul", [(3, 5)], build)


_fused_matmul("fused_matmul_bias", transpose_b=True)
_fused_matmul("fused_matmul_bias_relu", "Relu")


# Functional control flow and function calls: library functions are inlined;
# an If is an scf.if running only the branch taken. The conditions are
# computed from the data, one always true and one always false, so each
# branch is the one taken in some case; the stateful If takes an int32
# condition (true when not zero); in one case the branch not taken would
# divide by zero.
def _defun(name, *types):
    from tensorflow.python.framework import function  # the Defun API
    return function.Defun(*types, func_name=name)


def _if_stateless(threshold):
    def build(rng, x_in, y_in):
        from tensorflow.python.ops import cond_v2
        condition = tf.reduce_sum(x_in) > threshold
        return cond_v2.cond_v2(condition, lambda: x_in * 2.0 + y_in,
                               lambda: tf.nn.relu(x_in - y_in))
    return build


case("stateless_if_then", "StatelessIf", [(2, 3), (2, 3)],
     _if_stateless(-1e9))
case("stateless_if_else", "StatelessIf", [(2, 3), (2, 3)],
     _if_stateless(1e9))


def _if_int_condition(rng, x_in, y_in):
    then_fn = _defun("times", tf.float32, tf.float32)(lambda a, b: a * b)
    else_fn = _defun("minus", tf.float32, tf.float32)(lambda a, b: a - b)
    graph = tf.compat.v1.get_default_graph()
    then_fn.add_to_graph(graph)
    else_fn.add_to_graph(graph)
    condition = tf.cast(tf.reduce_sum(tf.abs(x_in)) > 0.0, tf.int32)
    return tf.raw_ops.If(cond=condition, input=[x_in, y_in],
                         Tout=[tf.float32], then_branch=then_fn,
                         else_branch=else_fn)[0]


case("if_int_condition", "If", [(3, 4), (3, 4)], _if_int_condition)


def _if_integer_division(rng, x_in, y_in):
    """An If whose then branch divides integers: the divisor holds zeros,
    so the condition (no zero divisor) is false and only the else branch
    may run, as in TensorFlow."""
    from tensorflow.python.ops import cond_v2
    return cond_v2.cond_v2(tf.reduce_all(tf.not_equal(y_in, 0)),
                           lambda: tf.math.floordiv(x_in, y_in),
                           lambda: x_in * 2 + y_in)


case("if_branch_not_taken_divides", "StatelessIf",
     [In((2, 3), "int32", sample=integers(-20, 20)),
      In((2, 3), "int32", sample=lambda rng, shape: np.array(
          [[1, 0, 2], [3, -1, 0]]))],
     _if_integer_division)


def _partitioned_call(rng, x_in, y_in):
    @tf.function(autograph=False)
    def affine(a, b):
        return tf.matmul(a, b) + 1.0
    return affine(x_in, y_in)


case("partitioned_call", "PartitionedCall", [(2, 3), (3, 4)],
     _partitioned_call)


def _stateful_partitioned_call(rng, x_in):
    square = _defun("swish", tf.float32)(lambda a: tf.nn.sigmoid(a) * a)
    square.add_to_graph(tf.compat.v1.get_default_graph())
    return tf.raw_ops.StatefulPartitionedCall(args=[x_in], Tout=[tf.float32],
                                              f=square)[0]


case("stateful_partitioned_call", "StatefulPartitionedCall", [(4, 5)],
     _stateful_partitioned_call)


def _nested_function_calls(rng, x_in):
    """A Defun call (the node's op is the function's name) whose body calls
    another function and uses a multi-output op's second output."""
    inner = _defun("top_two", tf.float32)(lambda a: tf.math.top_k(a, 2).indices)
    outer = _defun("offsets", tf.float32)(
        lambda a: tf.cast(inner(a), tf.float32) + a[:, :2])
    return outer(x_in)


case("function_call_nested", "pattern", [In((3, 5), sample=distinct())],
     _nested_function_calls)


# While loops become an scf.while whose regions hold the condition and the
# body. tf.while_loop in a graph builds a StatelessWhile (or a While when the
# body has a stateful op); the trip count is a constant, or depends on the
# data; loop variables are swapped (each keeps one buffer, so a swap must
# read no overwritten data); a MatMul with frozen weights runs inside the
# loop (a kernel call in the body).
def _while_counter(rng, x_in):
    _, y = tf.while_loop(lambda i, x: i < 5,
                         lambda i, x: (i + 1, tf.tanh(x) * 1.5 + 0.1),
                         [tf.constant(0), x_in])
    return y


case("while_counter", "StatelessWhile", [(2, 3)], _while_counter)


def _while_data_dependent(rng, x_in):
    steps, y = tf.while_loop(lambda i, x: tf.reduce_sum(x) < 60.0,
                             lambda i, x: (i + 1, x * 1.3 + 0.2),
                             [tf.constant(0), x_in])
    return [y, steps]


case("while_data_dependent", "StatelessWhile",
     [In((2, 3), sample=uniform(0.1, 1.0))], _while_data_dependent)


def _while_swap(rng, a_in, b_in):
    def body(i, a, b):
        return i + 1, b, a * 0.5 + tf.reduce_max(b)
    _, a, b = tf.while_loop(lambda i, a, b: i < 3, body,
                            [tf.constant(0), a_in, b_in])
    return [a, b]


case("while_swap", "StatelessWhile", [(3, 2), (3, 2)], _while_swap)


def _while_rnn(rng, h_in, x_in):
    w = weights(rng, (8, 8), 0.4)

    def body(h):
        return [tf.tanh(tf.matmul(h, w) + x_in)]
    return tf.while_loop(lambda h: tf.constant(True), body, [h_in],
                         maximum_iterations=4)[0]


case("while_rnn_matmul", "StatelessWhile", [(1, 8), (1, 8)], _while_rnn)


def _while_stateful(rng, x_in):
    cond = _defun("below", tf.int32, tf.float32)(lambda i, x: i < 4)
    body = _defun("step", tf.int32, tf.float32)(
        lambda i, x: (i + 1, tf.nn.relu(x - 0.25) * 1.1))
    graph = tf.compat.v1.get_default_graph()
    cond.add_to_graph(graph)
    body.add_to_graph(graph)
    return tf.raw_ops.While(input=[tf.constant(0), x_in], cond=cond,
                            body=body)[1]


case("while_stateful_op", "While", [(4, 3)], _while_stateful)


# TensorFlow 1's while loops (Enter, Merge, Switch, LoopCond, NextIteration,
# Exit), as tf.while_loop built them before control flow v2 (and as
# freezing a TF2 function lowers a While to): a loop over data with an
# invariant (an Enter with is_constant), and loops nested two deep.
def _v1_while(build):
    """`build` with control flow v2 off: TensorFlow 1's loops and conds."""
    def wrapped(rng, *fed):
        from tensorflow.python.ops import control_flow_util
        saved = control_flow_util.ENABLE_CONTROL_FLOW_V2
        control_flow_util.ENABLE_CONTROL_FLOW_V2 = False
        try:
            return build(rng, *fed)
        finally:
            control_flow_util.ENABLE_CONTROL_FLOW_V2 = saved
    return wrapped


def _v1_cond(rng, x_in, y_in):
    """tf.cond without control flow v2 (Switch and Merge), one cond nested
    in a branch of another, both predicates from the data; a constant in a
    branch (control edge from its pivot)."""
    def inner():
        return tf.cond(tf.reduce_max(y_in) > 0.0, lambda: y_in * 3.0,
                       lambda: y_in - x_in)
    return tf.cond(tf.reduce_sum(x_in) > 0.0,
                   lambda: tf.nn.relu(x_in) + inner(),
                   lambda: x_in * tf.constant(0.5))


case("v1_cond_positive", "Merge", [In((2, 3), sample=uniform(0.1, 1.0)),
                                   (2, 3)], _v1_while(_v1_cond))
case("v1_cond_negative", "Switch", [In((2, 3), sample=uniform(-1.0, -0.1)),
                                    (2, 3)], _v1_while(_v1_cond))


def _v1_while_invariant(rng, x_in, y_in):
    steps, x = tf.while_loop(
        lambda i, x: tf.logical_and(i < 6, tf.reduce_max(x) < 20.0),
        lambda i, x: (i + 1, x * 1.5 + y_in), [tf.constant(0), x_in])
    return [x, steps]


case("v1_while_invariant", "LoopCond",
     [In((2, 4), sample=uniform(0.5, 1.5)), In((2, 4), sample=uniform(0, 1))],
     _v1_while(_v1_while_invariant))


def _v1_while_nested(rng, x_in):
    def outer(i, x):
        _, x = tf.while_loop(lambda j, x: j < i,
                             lambda j, x: (j + 1, tf.sin(x) + 0.5),
                             [tf.constant(0), x])
        return i + 1, x * 0.9
    return tf.while_loop(lambda i, x: i < 4, outer,
                         [tf.constant(1), x_in])[1]


case("v1_while_nested", "LoopCond", [(3, 3)], _v1_while(_v1_while_nested))


# TensorLists (TF2's TensorArray; every Keras RNN layer's time loop), used
# here outside a loop so that each op is a node of the graph: a list made
# from a tensor, an item read and written back scaled, a reserved list
# written at two indices, each stacked; and a list's length.
def _tensor_list(rng, x_in):
    f32 = tf.float32
    shape = tf.constant([3], tf.int32)
    listed = tf.raw_ops.TensorListFromTensor(tensor=x_in, element_shape=shape)
    item = tf.raw_ops.TensorListGetItem(input_handle=listed, index=2,
                                        element_shape=shape, element_dtype=f32)
    written = tf.raw_ops.TensorListSetItem(input_handle=listed, index=0,
                                           item=item * 2.0)
    reserved = tf.raw_ops.TensorListReserve(
        element_shape=shape, num_elements=3, element_dtype=f32)
    reserved = tf.raw_ops.TensorListSetItem(input_handle=reserved, index=1,
                                            item=item)
    reserved = tf.raw_ops.TensorListSetItem(input_handle=reserved, index=2,
                                            item=-item)
    length = tf.raw_ops.TensorListLength(input_handle=written)
    return [tf.raw_ops.TensorListStack(input_handle=written,
                                       element_shape=shape, element_dtype=f32),
            tf.raw_ops.TensorListStack(input_handle=reserved,
                                       element_shape=shape, element_dtype=f32,
                                       num_elements=3),
            length]


case("tensor_list_ops", "pattern", [(4, 3)], _tensor_list)


def _assert_before(rng, x_in):
    """An Assert (true here, so TensorFlow runs it) that the result waits on
    by a control edge; tfc prunes it as tfcompile does."""
    check = tf.debugging.Assert(tf.reduce_all(tf.equal(x_in, x_in)),
                                ["x holds a NaN"], name="check")
    with tf.control_dependencies([check]):
        return tf.raw_ops.Mul(x=x_in, y=tf.constant(3.0))


case("assert_control_edge", "Assert", [(2, 4)], _assert_before)


def _keras_conv2d_transpose(rng, x_in):
    """Keras' Conv2DTranspose(4, 3, strides=2, padding="same",
    activation="relu") on a batch of unknown size: input_sizes packs the
    batch from Shape, then BiasAdd (Keras 3's Reshape+Squeeze bias) and
    Relu."""
    shape = tf.raw_ops.Shape(input=x_in, out_type=tf.int32)
    batch = tf.raw_ops.StridedSlice(input=shape, begin=i32([0]), end=i32([1]),
                                    strides=i32([1]), shrink_axis_mask=1)
    sizes = tf.raw_ops.Pack(values=[batch, tf.constant(np.int32(10)),
                                    tf.constant(np.int32(10)),
                                    tf.constant(np.int32(4))], axis=0)
    conv = tf.raw_ops.Conv2DBackpropInput(
        input_sizes=sizes, filter=weights(rng, (3, 3, 4, 3), 1 / np.sqrt(27)),
        out_backprop=x_in, strides=[1, 2, 2, 1], padding="SAME")
    bias = tf.raw_ops.Reshape(tensor=weights(rng, (4,), 0.1),
                              shape=i32([1, 1, 1, 4]))
    bias = tf.raw_ops.Squeeze(input=bias, axis=[])
    return tf.raw_ops.Relu(features=tf.raw_ops.BiasAdd(value=conv, bias=bias))


case("pattern_keras_conv2d_transpose", "pattern", [(None, 5, 5, 3)],
     _keras_conv2d_transpose, batch=2)


def _conv2d_transpose_batch_norm(rng, x_in):
    """A decoder block: Conv2DTranspose (no bias), BatchNormalization
    (frozen, folded into the transposed filter), Relu."""
    conv = tf.raw_ops.Conv2DBackpropInput(
        input_sizes=i32([1, 9, 7, 5]),
        filter=weights(rng, (3, 3, 5, 4), 1 / np.sqrt(36)), out_backprop=x_in,
        strides=[1, 2, 2, 1], padding="SAME")
    params = [rng.uniform(0.5, 1.5, 5), rng.normal(0.0, 0.1, 5),
              rng.normal(0.0, 0.5, 5), rng.uniform(0.5, 2.0, 5)]
    scale, offset, mean, variance = [tf.constant(p.astype(np.float32))
                                     for p in params]
    norm = tf.raw_ops.FusedBatchNormV3(
        x=conv, scale=scale, offset=offset, mean=mean, variance=variance,
        epsilon=0.001, exponential_avg_factor=1.0, data_format="NHWC",
        is_training=False)[0]
    return tf.raw_ops.Relu(features=norm)


case("pattern_conv2d_transpose_batch_norm", "pattern", [(1, 5, 4, 4)],
     _conv2d_transpose_batch_norm)


def _keras_reshape_einsum(rng, x_in):
    """Keras' Reshape (the batch packed from Shape, so unknown on import)
    into heads, then an EinsumDense projection over them ('abcd,cde->abe')
    with a bias."""
    shape = tf.raw_ops.Shape(input=x_in, out_type=tf.int32)
    batch = tf.raw_ops.StridedSlice(input=shape, begin=i32([0]), end=i32([1]),
                                    strides=i32([1]), shrink_axis_mask=1)
    heads = tf.raw_ops.Reshape(tensor=x_in, shape=tf.raw_ops.Pack(
        values=[batch, tf.constant(np.int32(5)), tf.constant(np.int32(2)),
                tf.constant(np.int32(7))], axis=0))
    dense = tf.raw_ops.Einsum(inputs=[heads, weights(rng, (2, 7, 3), 0.25)],
                              equation="abcd,cde->abe")
    return tf.raw_ops.AddV2(x=dense, y=weights(rng, (3,), 0.1))


case("pattern_keras_reshape_einsum", "pattern", [(None, 5, 14)],
     _keras_reshape_einsum, batch=2)


# Larger odd sizes: dimensions that no tile or vector width divides, so the
# remainder paths of tiled and vectorized code run (the cases above are
# mostly smaller than one tile).
_conv2d("large_conv2d_same_3x3", (1, 33, 35, 17), (3, 3, 17, 19))
_conv2d("large_conv2d_valid_3x3_s2_const", (2, 31, 29, 13), (3, 3, 13, 21),
        strides=(2, 2), padding="VALID", const_filter=True)
_conv2d("large_conv2d_same_1x1_const", (1, 23, 19, 67), (1, 1, 67, 45),
        const_filter=True)
# Constant 3x3 stride-1 filters over 16 channels or more: the Winograd
# kernel's F(4x4, 3x3) (81 tiles of 4x4) and, on small images, F(2x2, 3x3)
# (under 64 tiles of 4x4, at least 16 of 2x2; odd sizes, padding at every
# edge).
_conv2d("large_conv2d_same_3x3_const", (1, 33, 35, 17), (3, 3, 17, 19),
        const_filter=True)
_conv2d("conv2d_same_3x3_const_small_tiles", (1, 8, 8, 32), (3, 3, 32, 24),
        const_filter=True)
_conv2d("conv2d_valid_3x3_const_small_tiles", (2, 9, 11, 19), (3, 3, 19, 37),
        padding="VALID", const_filter=True)
_depthwise("large_depthwise_same_3x3", (1, 31, 29, 19), (3, 3, 19, 1))
_depthwise("large_depthwise_valid_3x3_s2_const", (1, 33, 31, 37),
           (3, 3, 37, 1), strides=(2, 2), padding="VALID", const_filter=True)
_pool("MaxPool", "large_maxpool_3x3_s2_same", (2, 33, 31, 19), (3, 3), (2, 2),
      "SAME")
_pool("AvgPool", "large_avgpool_3x3_s1_same", (1, 31, 33, 21), (3, 3), (1, 1),
      "SAME")
_conv2d_backprop_input("large_conv2d_backprop_input_same_3x3_s2",
                       (1, 33, 35, 17), (3, 3, 17, 19), strides=(2, 2))
_conv2d_backprop_input("large_conv2d_backprop_input_valid_4x4_s2_const",
                       (2, 30, 28, 13), (4, 4, 13, 21), strides=(2, 2),
                       padding="VALID", const_filter=True)
_matmul("large_matmul", (37, 129), (129, 67))
_matmul("large_matmul_const_b", (3, 1031), (1031, 17), const_b=True)
_reduce("large_mean_12", "Mean", [1, 2], False, shape=(3, 37, 41, 19))
_reduce("large_sum_neg1_keep", "Sum", [-1], True, shape=(5, 7, 1001),
        sample=normal(1 / np.sqrt(1001)))  # sums near unit size
_unary("large_softmax", "Softmax", (5, 1001), normal(3.0))
_transpose("large_transpose_nhwc_to_nchw", (2, 33, 17, 9), [0, 3, 1, 2])
_unary("large_relu6", "Relu6", (3, 1003), normal(5.0))


# ---------------------------------------------------------------------------
# Generation.

def _version(*distributions):
    for dist in distributions:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    return "none"


def case_hash(case_, seed):
    """The cache key of one case directory."""
    digest = hashlib.sha256()
    parts = [SCRIPT.read_bytes(), tfc_models.common_source().read_bytes(),
             json.dumps({"case": case_.name, "seed": seed,
                         "tensorflow": _version("tensorflow-cpu", "tensorflow"),
                         "numpy": _version("numpy")}, sort_keys=True).encode()]
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def up_to_date(out_dir, key):
    """Whether out_dir holds a complete case with cache key `key`."""
    try:
        manifest = json.loads((out_dir / "manifest.json").read_text())
    except (OSError, ValueError):
        return False
    if manifest.get("generator_hash") != key:
        return False
    files = ["model.pb", "config.pbtxt"] + [
        t["file"] for t in manifest["args"] + manifest["results"]]
    return all((out_dir / f).is_file() for f in files)


def select(pattern=None):
    """The cases whose name matches `pattern` (re.search), in table order."""
    if not pattern:
        return list(CASES)
    regex = re.compile(pattern)
    return [c for c in CASES if regex.search(c.name)]


def camel_case(name):
    """conv2d_same_3x3 -> Conv2dSame3x3 (the C++ class name)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def build_model(case_, rng, build=None):
    """The frozen GraphDef of one case as a common.Model (of `build`, the
    case's own builder unless given)."""
    from tfc_models import common
    graph = tf.Graph()
    inputs = []
    with graph.as_default():
        placeholders = []
        for i, spec in enumerate(case_.inputs):
            name = f"x{i}"
            placeholders.append(tf.compat.v1.placeholder(
                tf.as_dtype(spec.dtype), spec.shape, name=name))
            inputs.append(common.Input(name, spec.dtype, spec.shape,
                                       spec.sample))
        results = (build or case_.build)(rng, *placeholders)
    if not isinstance(results, (list, tuple)):
        results = [results]
    names = ["y"] if len(results) == 1 else [f"y{j}" for j in
                                             range(len(results))]
    outputs = [common.Output(n, t.name) for n, t in zip(names, results)]
    graph_def = graph.as_graph_def()
    ops = common.graph_ops(graph_def)
    if build is None and case_.op != "pattern" and case_.op not in ops:
        raise RuntimeError(f"{case_.name}: the graph has ops {ops}, not "
                           f"{case_.op}")
    return common.Model(graph_def, inputs, outputs), ops


def generate(out, cases, seed=0, force=False, log=print):
    """Write `cases` under `out`; returns (generated, up to date) counts."""
    out = Path(out)
    todo = [(c, case_hash(c, seed)) for c in cases]
    if not force:
        todo = [(c, key) for c, key in todo if not up_to_date(out / c.name, key)]
    if not todo:
        return 0, len(cases)
    from tfc_models import common
    for case_, key in todo:
        streams = np.random.SeedSequence(
            [seed, zlib.crc32(case_.name.encode())]).spawn(2)
        try:
            model, ops = build_model(case_,
                                     np.random.default_rng(streams[0]))
            # The same stream again: the reference draws the same constants.
            reference = (build_model(case_, np.random.default_rng(streams[0]),
                                     case_.reference)[0]
                         if case_.reference else None)
            common.write_model(
                case_.name, model, out / case_.name, batch=case_.batch,
                seed=seed, inputs_rng=np.random.default_rng(streams[1]),
                reference=reference,
                extra={"op": case_.op, "graph_ops": ops,
                       "class_name": camel_case(case_.name),
                       "generator_hash": key},
                header=(f"Generated by test/conformance/gen_cases.py --only "
                        f"'^{case_.name}$' --seed {seed}."))
        except Exception as error:
            raise RuntimeError(f"case {case_.name}: {error}") from error
        log(f"gen_cases: wrote {case_.name}")
    return len(todo), len(cases) - len(todo)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generate one frozen GraphDef per op conformance case, "
        "with seeded inputs and TensorFlow's outputs.")
    parser.add_argument("--out", type=Path, help="directory to write into")
    parser.add_argument("--only", metavar="REGEX",
                        help="only the cases whose name matches (re.search)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of constants and inputs (default 0)")
    parser.add_argument("--force", action="store_true",
                        help="regenerate cases that are up to date")
    parser.add_argument("--list", action="store_true",
                        help="list the cases (name and op) and exit")
    args = parser.parse_args(argv)
    if not args.list and args.out is None:
        parser.error("give --out DIR or --list")
    if args.seed < 0:
        parser.error("--seed must be >= 0")
    return args


def main(argv=None):
    args = parse_args(argv)
    cases = select(args.only)
    if not cases:
        print(f"gen_cases: no case matches {args.only!r}", file=sys.stderr)
        return 1
    if args.list:
        for c in cases:
            print(f"{c.name:40s} {c.op}")
        return 0
    start = time.monotonic()
    written, kept = generate(args.out, cases, args.seed, args.force,
                             log=lambda text: None)
    print(f"gen_cases: {written} cases written, {kept} up to date, in "
          f"{args.out} ({time.monotonic() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
