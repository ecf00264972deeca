"""Comparison tolerances of the end-to-end tests: the one place they are stated.

An output element passes when |actual - expected| <= atol + rtol * |expected|
(numpy.isclose's rule), NaN matches NaN and an infinity only itself.

Why not exact for floating point: tfc and TensorFlow compute the same
mathematical function in different orders. Tiling and vectorization reassociate
the sums of MatMul and Conv2D, the backend may contract a*b+c into one FMA, and
exp/tanh/sigmoid use different polynomial approximations than Eigen's. Each of
these moves a float32 result by a few ulps (about 1e-7 relative each), growing
with the length of the reductions. float32 therefore gets 1e-5 absolute plus
1e-5 relative: room for those few ulps, yet far below any real bug (a wrong
index, a missed bias, a wrong activation moves results by 1e-2 or more).
float64 gets the same margin relative to its precision; float16 and bfloat16
their own. Integers and booleans have no rounding, so they must match exactly.

The ARM targets (test/e2e/arm, under qemu-user) use these same tolerances.
ARMv7's NEON unit flushes denormals to zero, which changes a term only when
it is below 1.2e-38 in magnitude; with activations and weights of order one
that is some 30 orders under every atol here, so it needs no entry of its
own. Measured on the seed models, ARMv7 NEON and AArch64 results are
bit-identical (the kernels sum in the same k order with fused multiply-adds).

An op whose kernels legitimately differ more (a long reduction, an
approximated transcendental) gets an entry in OP_OVERRIDES; a model's
tolerance is the loosest of its dtype's default and the overrides of the ops in
its GraphDef (manifest.json lists them). Keep overrides rare and say why.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    atol: float
    rtol: float

    @property
    def exact(self):
        return self.atol == 0 and self.rtol == 0

    def loosest(self, other):
        return Tolerance(max(self.atol, other.atol), max(self.rtol, other.rtol))


EXACT = Tolerance(0.0, 0.0)

BY_DTYPE = {
    "float32": Tolerance(atol=1e-5, rtol=1e-5),
    "float64": Tolerance(atol=1e-12, rtol=1e-12),
    "float16": Tolerance(atol=1e-3, rtol=1e-3),
    "bfloat16": Tolerance(atol=1e-2, rtol=1e-2),
}
for _dtype in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
               "uint64", "bool"):
    BY_DTYPE[_dtype] = EXACT

# Per-op loosening, {op type: {dtype: Tolerance}}, e.g.
#   "Conv2D": {"float32": Tolerance(atol=1e-4, rtol=1e-4)},  # long reductions
#
# Deep convolution stacks. Each convolution sums k*k*cin products (up to
# 3*3*384 and 1*1*2048 in Inception v3) in an order tfc's tiling chooses, and
# the rounding differences of ~100 such layers compound. The error is
# absolute, at the scale of the activations, not relative to each element:
# measured on the seed models (seed 0, batch 1), tfc's float32 logits differ
# from TensorFlow's by up to 1.5e-5 in MobileNetV2 (logits std 0.7) and 1.2e-4
# in Inception v3 (std 0.6) -- and TensorFlow's own float32 logits differ from
# the same graph run in float64 by 1.1e-5 and 6.4e-5, tfc's by 1.3e-5 and
# 8.3e-5: both are float32 noise of the same size. 5e-4 absolute leaves 4x
# room over Inception and stays 20x below a real bug (a wrong tap, pad or
# channel moves results by 1e-2 or more); the single-op conformance cases
# measure 5e-7 and would show a real bug as O(1).
_DEEP_CONV = {"float32": Tolerance(atol=5e-4, rtol=1e-4)}
#
# No override for the transcendentals (Exp, Log, Pow, Rsqrt, Sqrt, Elu, LRN,
# Sigmoid, Tanh, Softmax): the conformance suite (test/conformance) measures
# tfc within 2 ulps of TensorFlow on each (max rel err <= 3.4e-7), far inside
# the float32 default.
OP_OVERRIDES = {
    "Conv2D": _DEEP_CONV,
    "DepthwiseConv2dNative": _DEEP_CONV,
}


def tolerance_for(dtype, ops=()):
    """The tolerance of an output of `dtype` in a graph made of `ops`."""
    if dtype not in BY_DTYPE:
        raise KeyError(f"no tolerance stated for dtype {dtype!r}; add one to "
                       f"test/e2e/tolerances.py")
    tolerance = BY_DTYPE[dtype]
    for op in ops:
        override = OP_OVERRIDES.get(op, {}).get(dtype)
        if override is not None:
            tolerance = tolerance.loosest(override)
    return tolerance
