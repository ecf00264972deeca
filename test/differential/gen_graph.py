#!/usr/bin/env python3
"""Seeded random TensorFlow graphs of the ops tfc supports, for differential tests.

    gen_graph.py SEED [--out DIR] [--pbtxt]

`generate(seed)` returns a `Graph`: a frozen GraphDef (Placeholders and
Consts only, as users' frozen graphs), its feeds with their input values and
its fetches. The same seed gives the same graph and the same values.

How a graph is grown. A pool of values starts with one or two Placeholders
(a rank-4 NHWC image, a rank-2 batch of features or a rank-3 sequence; the
batch 1-5; dtype float32 mostly, else float64, int32 or int64). Half of
the images have 16-24 channels and sides of 6-15 or 16-32 pixels, deep enough
for the Winograd kernel's forms, and a quarter 3 channels and 10-40 pixels, as
a first layer's input; most of those graphs start with a stem of one to three
Conv2D layers (over 3 channels mostly 3x3 with stride 1 or 2 and up to 48
output channels; else stride 1 and 3x3, 5x5, 1xK, Kx1 mostly, a result of
16 channels or more at times, so that Winograd layers follow one another).
Then moves are drawn until the graph has its target size (2-30 ops). A move
takes one value (the newest one more often than not, so chains form; an
older one otherwise, so values fan out to several consumers) and adds an op
or a short pattern:

- the patterns tfc's optimizer rewrites: a dense layer or convolution block
  (MatMul / Conv2D / DepthwiseConv2dNative, then BiasAdd or an Add of a bias
  on either side, a residual Add, an activation), MobileNet's 1x1 Conv2D
  then DepthwiseConv2dNative of its result, batch normalization after a
  contraction (FusedBatchNorm/V3 in inference form, or the unfused
  Rsqrt/Mul/Sub/Add form Keras writes), a scale by a constant;
- elementwise ops and broadcasting binary ops against constants and other
  values of broadcastable shapes (a keep_dims reduction of the same value);
- reductions (Sum, Mean, Max with axes and keep_dims; ArgMax), pools, LRN,
  Softmax, and every data-movement op of docs/OPS.md (Reshape, Transpose,
  Pad/PadV2, ConcatV2, Pack, Slice, StridedSlice with masks, ExpandDims,
  Squeeze, Cast) with its attribute variants; grappler's _FusedMatMul.

Weights are drawn from normal(0, 0.3), inputs from uniform(-1, 1) (integers
from [-5, 5]). Every new value is computed right away in a TensorFlow session
on the graph's real inputs, so the generator keeps values finite and small:
values above 8 in magnitude are scaled back by a power of two, Exp and Square
take only small values, Log/Sqrt/Rsqrt/Pow/RealDiv get operands shaped
positive (Square(x) + c), integer products stay far from overflow, and a
move whose result TensorFlow cannot compute is dropped. Discontinuous ops
(ArgMax, float-to-integer Cast) and casts to float64 take only "exact"
values (inputs and constants moved around, or scaled by powers of two), whose
results rounding cannot change; ArgMax only slices without ties (TensorFlow
leaves the index of a tie undefined, and its kernels differ).

Importing this module imports TensorFlow (through models/tfc_models/common).
"""

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "models"))

from tfc_models import common  # noqa: E402  (sets TensorFlow's environment)

tf = common.tf

FLOATS = ("float32", "float64")
INTS = ("int32", "int64")
ACTIVATIONS = ("Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh")
MAX_MAGNITUDE = 8.0       # float values above this are scaled back
MAX_INT = 1 << 20         # integer values above this are dropped
MAX_ELEMENTS = 16384      # per value, to keep compiles fast (F(4x4, 3x3)
                          # takes 1024 output pixels)


@dataclass
class Value:
    """A tensor of the graph with its value on the graph's inputs."""
    tensor: object
    value: np.ndarray
    exact: bool           # no rounding anywhere upstream
    terminal: bool = False  # only to be fetched (ArgMax results)

    @property
    def shape(self):
        return tuple(self.value.shape)

    @property
    def dtype(self):
        return self.value.dtype.name

    @property
    def rank(self):
        return self.value.ndim

    @property
    def is_float(self):
        return self.dtype in FLOATS

    @property
    def magnitude(self):
        return float(np.max(np.abs(self.value))) if self.value.size else 0.0


@dataclass
class Graph:
    """What generate() returns: a frozen GraphDef with feeds and fetches."""
    seed: int
    graph_def: object
    inputs: list          # common.Input, with sample returning `values`
    outputs: list         # common.Output
    batch: int
    values: dict = field(default_factory=dict)  # input name -> array
    ops: int = 0          # nodes other than Placeholder and Const
    description: str = ""

    def model(self):
        return common.Model(self.graph_def, list(self.inputs), list(self.outputs))


class Rejected(Exception):
    """A move does not apply to the values drawn; another move is tried."""


def broadcasts_to(shape, target):
    """Whether numpy broadcasting takes `shape` to exactly `target`."""
    if len(shape) > len(target):
        return False
    return all(a in (1, b) for a, b in zip(reversed(shape), reversed(target)))


def winograd_image(v):
    """Whether a stride-1 convolution of rank-4 value v can take a Winograd
    form (16 input channels; enough output tiles for some filters)."""
    return v.shape[1] >= 6 and v.shape[2] >= 6 and v.shape[3] >= 16


def rgb_image(v):
    """Whether rank-4 value v is a wide image of 3 channels: a first layer's
    input, whose 3x3 convolution computes whole tiles of 8 pixels in its
    rows apart (the AVX-512 kernel's stem tiles)."""
    return v.shape[3] == 3 and v.shape[1] >= 3 and v.shape[2] >= 10


def fixed(values):
    """An Input.sample that returns `values` whatever the rng."""
    return lambda rng, shape: values


class Generator:
    def __init__(self, seed):
        self.seed = seed
        self.rng = np.random.default_rng([seed, 0x7fc])
        self.graph = tf.Graph()
        config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1,
                                          inter_op_parallelism_threads=1)
        self.session = tf.compat.v1.Session(graph=self.graph, config=config)
        self.feeds = {}
        self.inputs = []
        self.pool = []
        self.consumers = {}      # tensor name -> count
        self.shared = {}         # (shape, dtype) -> Const tensor, shared
        self.ops = 0
        self.moves = []

    # -- drawing ---------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def choice(self, items):
        return items[int(self.rng.integers(len(items)))]

    def weights_array(self, shape, dtype, scale=0.3):
        if dtype in INTS:
            return self.rng.integers(-3, 4, size=shape).astype(dtype)
        return (self.rng.standard_normal(shape) * scale).astype(dtype)

    def const(self, array, dtype=None):
        array = np.asarray(array)
        if dtype is not None:
            array = array.astype(dtype)
        with self.graph.as_default():
            return tf.constant(array)

    def weights(self, shape, dtype, scale=0.3, share=True):
        """A Const of weights; one of the same shape is reused at times."""
        key = (tuple(shape), dtype)
        if share and key in self.shared and self.chance(0.5):
            return self.shared[key]
        tensor = self.const(self.weights_array(shape, dtype, scale))
        self.shared[key] = tensor
        return tensor

    def shared_shape(self, dtype, fits):
        """The shape of an existing weights Const that `fits`, at times (so
        that two contractions read one Const), else None."""
        shapes = [shape for shape, d in self.shared if d == dtype and fits(shape)]
        return self.choice(shapes) if shapes and self.chance(0.6) else None

    def pick(self, accept=lambda v: True, newest=False):
        """A value for the next op: the newest acceptable one mostly (or
        always, with `newest`)."""
        candidates = [v for v in self.pool if not v.terminal and accept(v)]
        if not candidates:
            raise Rejected("no operand")
        if newest or self.chance(0.6):
            return candidates[-1]
        return self.choice(candidates)

    def partner(self, v, accept):
        """Another pool value that `accept`s, or None."""
        candidates = [w for w in self.pool if not w.terminal and accept(w)]
        return self.choice(candidates) if candidates else None

    # -- emitting ops ----------------------------------------------------

    def emit(self, make, inputs, exact=False, terminal=False):
        """Build an op with make() and compute it; the new Value.

        `inputs` are the Values it reads (for exactness and fan-out
        counts). Raises Rejected when TensorFlow refuses the op or its value
        is unusable; nodes it made stay in the graph, unused, and are pruned.
        """
        before = len(self.graph.get_operations())
        try:
            with self.graph.as_default():
                tensor = make()
            value = self.session.run(tensor, self.feeds)
        except (ValueError, TypeError, tf.errors.OpError) as error:
            raise Rejected(str(error).splitlines()[0] if str(error) else "") from error
        value = np.asarray(value)
        if value.size == 0 or value.size > MAX_ELEMENTS:
            raise Rejected("size")
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise Rejected("not finite")
        if value.dtype.kind == "i" and np.max(np.abs(value.astype(np.int64))) > MAX_INT:
            raise Rejected("integer range")
        new_ops = [op for op in self.graph.get_operations()[before:]
                   if op.type != "Const"]
        self.ops += len(new_ops)
        for v in inputs:
            self.consumers[v.tensor.name] = self.consumers.get(v.tensor.name, 0) + 1
        exact = exact and all(v.exact for v in inputs) or (
            value.dtype.kind in "iub")
        result = Value(tensor, value, exact, terminal)
        self.pool.append(result)
        if result.is_float and result.magnitude > MAX_MAGNITUDE:
            result = self.rescale(result)
        return result

    def rescale(self, v):
        """Scale v by a power of two (exact) down to magnitude <= 4."""
        k = int(np.ceil(np.log2(v.magnitude / 4.0)))
        c = self.const(np.asarray(2.0 ** -k, v.dtype))
        return self.emit(lambda: tf.raw_ops.Mul(x=v.tensor, y=c), [v], exact=True)

    def placeholder(self, name, shape, dtype):
        with self.graph.as_default():
            t = tf.compat.v1.placeholder(tf.as_dtype(dtype), shape, name=name)
        if dtype in INTS:
            values = self.rng.integers(-5, 6, size=shape).astype(dtype)
        else:
            values = self.rng.uniform(-1, 1, size=shape).astype(dtype)
        self.feeds[t] = values
        self.inputs.append((name, shape, dtype, values))
        v = Value(t, values, exact=True)
        self.pool.append(v)
        return v

    # -- helpers used by moves ---------------------------------------------

    def broadcast_shape(self, shape):
        """A shape that broadcasts to `shape` (dims kept or 1, leading dropped)."""
        dims = [d if self.chance(0.5) else 1 for d in shape]
        drop = int(self.rng.integers(0, len(dims) + 1))
        if self.chance(0.3):
            drop = len(dims)  # a scalar
        return tuple(dims[drop:])

    def positive(self, v):
        """Square(v) + c, c in {0.5, 1}: a value > 0 derived from v."""
        if v.magnitude > 3:
            raise Rejected("too large to square")
        sq = self.emit(lambda: tf.raw_ops.Square(x=v.tensor), [v])
        c = self.const(np.asarray(self.choice([0.5, 1.0]), v.dtype))
        if self.chance(0.5):
            return self.emit(lambda: tf.raw_ops.AddV2(x=sq.tensor, y=c), [sq])
        return self.emit(lambda: tf.raw_ops.Add(x=c, y=sq.tensor), [sq])

    def flatten(self, v):
        """v as [batch, features] (a Reshape), v itself when rank 2."""
        if v.rank == 2:
            return v
        if v.rank == 0:
            raise Rejected("scalar")
        batch = v.shape[0]
        rest = int(np.prod(v.shape[1:]))
        if rest > 256:
            raise Rejected("too wide")
        shape = self.choice([[-1, rest], [batch, -1], [batch, rest]])
        s = self.const(np.asarray(shape, self.choice(["int32", "int64"])))
        return self.emit(lambda: tf.raw_ops.Reshape(tensor=v.tensor, shape=s), [v],
                         exact=True)

    def bias(self, v):
        """v plus a bias over its last axis: BiasAdd or Add, either side."""
        channels = v.shape[-1]
        b = self.const(self.weights_array((channels,), v.dtype, 0.5))
        form = self.choice(["BiasAdd", "BiasAdd", "Add", "AddV2", "AddLeft",
                            "AddFull"])
        if form == "BiasAdd":
            return self.emit(lambda: tf.raw_ops.BiasAdd(value=v.tensor, bias=b), [v])
        if form == "AddLeft":
            return self.emit(lambda: tf.raw_ops.AddV2(x=b, y=v.tensor), [v])
        if form == "AddFull":  # a bias of shape [1, ..., 1, C]
            b = self.const(self.weights_array((1,) * (v.rank - 1) + (channels,),
                                              v.dtype, 0.5))
        op = getattr(tf.raw_ops, "Add" if form == "AddFull" else form)
        return self.emit(lambda: op(x=v.tensor, y=b), [v])

    def activation(self, v, name=None):
        name = name or self.choice(ACTIVATIONS)
        if v.dtype in INTS and name not in ("Relu", "Relu6"):
            name = "Relu"
        if name == "LeakyRelu":
            alpha = float(self.choice([0.01, 0.1, 0.2, 0.3, 0.5]))
            return self.emit(lambda: tf.raw_ops.LeakyRelu(features=v.tensor,
                                                          alpha=alpha), [v])
        op = getattr(tf.raw_ops, name)
        if name in ("Relu", "Relu6", "Elu"):
            return self.emit(lambda: op(features=v.tensor), [v],
                             exact=name in ("Relu", "Relu6"))
        return self.emit(lambda: op(x=v.tensor), [v])

    def residual(self, v):
        """v + another value of v's shape (fan-out), else v + a Const."""
        other = self.partner(v, lambda w: w is not v and w.shape == v.shape
                             and w.dtype == v.dtype)
        if other is None:
            other_t, others = self.const(self.weights_array(v.shape, v.dtype, 0.5)), []
        else:
            other_t, others = other.tensor, [other]
        op = getattr(tf.raw_ops, self.choice(["Add", "AddV2"]))
        if self.chance(0.5):
            return self.emit(lambda: op(x=v.tensor, y=other_t), [v, *others])
        return self.emit(lambda: op(x=other_t, y=v.tensor), [v, *others])

    # -- moves: each adds an op or a pattern -------------------------------

    def move_dense(self):
        """MatMul [+ bias] [+ residual] [+ activation]: a dense layer."""
        v = self.pick(lambda v: v.rank >= 2 and v.rank <= 4 and
                      v.dtype != "int64" and v.value.size // v.shape[0] <= 256)
        x = self.flatten(v)
        features = x.shape[1]
        # Mostly narrow layers; wide ones now and then, where tiling and
        # vectorization take other paths.
        units = int(self.rng.integers(1, 13) if self.chance(0.8)
                    else self.rng.integers(13, 80))
        variant = self.choice(["plain", "plain", "transpose_b", "transpose_a",
                               "both", "activations"])
        if variant == "activations":  # x . y^T of two values, [B, B]
            y = self.partner(x, lambda w: w.shape == x.shape and w.dtype == x.dtype)
            y = y or x
            out = self.emit(lambda: tf.raw_ops.MatMul(
                a=x.tensor, b=y.tensor, transpose_b=True), [x, y])
        else:
            ta = variant in ("transpose_a", "both")
            tb = variant in ("transpose_b", "both")
            shape = self.shared_shape(x.dtype, lambda s: len(s) == 2 and (
                s[1] if tb else s[0]) == features)
            if shape is not None:
                units = shape[0] if tb else shape[1]
            w = self.weights((units, features) if tb else (features, units), x.dtype)
            a = x
            if ta:
                perm = self.const(np.asarray([1, 0], "int32"))
                a = self.emit(lambda: tf.raw_ops.Transpose(x=x.tensor, perm=perm),
                              [x], exact=True)
            if x.dtype == "float32" and self.chance(0.15):
                return self.fused_matmul(a, w, ta, tb)
            out = self.emit(lambda: tf.raw_ops.MatMul(
                a=a.tensor, b=w, transpose_a=ta, transpose_b=tb), [a])
        return self.contraction_tail(out)

    def fused_matmul(self, a, w, ta, tb):
        """Grappler's _FusedMatMul (MatMul + BiasAdd [+ activation]), as in
        graphs frozen after TensorFlow's optimizations."""
        units = w.shape[0] if tb else w.shape[1]
        b = self.const(self.weights_array((units,), "float32", 0.5))
        fused = [b"BiasAdd"]
        act = self.choice([None, "Relu", "Relu6", "Elu", "LeakyRelu", "Tanh",
                           "Sigmoid"])
        if act:
            fused.append(act.encode())
        attr = tf.compat.v1.AttrValue
        attrs = {"T": attr(type=tf.float32.as_datatype_enum),
                 "fused_ops": attr(list=attr.ListValue(s=fused)),
                 "num_args": attr(i=1), "transpose_a": attr(b=ta),
                 "transpose_b": attr(b=tb)}
        if act == "LeakyRelu":
            attrs["leakyrelu_alpha"] = attr(f=float(self.choice([0.1, 0.2, 0.3])))

        def make():
            op = self.graph._create_op_internal(
                "_FusedMatMul", [a.tensor, w, b], [tf.float32], attrs=attrs,
                name="FusedMatMul")
            return op.outputs[0]
        return self.emit(make, [a])

    def contraction_tail(self, out):
        if self.chance(0.8):
            out = self.bias(out)
        if self.chance(0.25):
            out = self.residual(out)
        if out.is_float and self.chance(0.25):
            out = self.batch_norm(out)
        if self.chance(0.75):
            out = self.activation(out)
        return out

    def image(self):
        """A rank-4 float value: one from the pool, or one reshaped into 4-D."""
        try:
            return self.pick(lambda v: v.rank == 4 and v.is_float)
        except Rejected:
            v = self.pick(lambda v: v.rank == 2 and v.is_float and v.shape[1] >= 4)
            f = v.shape[1]
            c = self.choice([d for d in (1, 2, 3, 4) if f % d == 0])
            hw = f // c
            h = self.choice([d for d in range(1, hw + 1) if hw % d == 0])
            s = self.const(np.asarray([v.shape[0], h, hw // h, c], "int32"))
            return self.emit(lambda: tf.raw_ops.Reshape(tensor=v.tensor, shape=s),
                             [v], exact=True)

    def padding_attrs(self, choices):
        """A convolution's padding drawn from `choices`, with explicit
        paddings of 0-2 on each side when it draws EXPLICIT."""
        padding = self.choice(choices)
        if padding != "EXPLICIT":
            return dict(padding=padding)
        pads = [int(p) for p in self.rng.integers(0, 3, size=4)]
        return dict(padding=padding, explicit_paddings=[
            0, 0, pads[0], pads[1], pads[2], pads[3], 0, 0])

    def conv_attrs(self, depthwise, image, stem=False):
        if stem and rgb_image(image):
            # A first layer: mostly 3x3, stride 1 or 2.
            k = self.choice([(3, 3), (3, 3), (3, 3), (5, 5), (2, 2)])
            stride = self.choice([1, 2, 2])
            return k, dict(strides=[1, stride, stride, 1],
                           dilations=[1, 1, 1, 1],
                           **self.padding_attrs(["SAME", "SAME", "VALID",
                                                 "EXPLICIT"]))
        if (not depthwise and winograd_image(image) and self.chance(0.75)):
            # 3x3, 5x5, 1x3, 3x1, 1x7 or 7x1 with stride 1 over a deep
            # image: the Winograd kernel's square (both 3x3 forms) and line
            # forms.
            k = self.choice([(3, 3), (3, 3), (3, 3), (5, 5), (1, 7), (7, 1),
                             (1, 3), (3, 1)])
            return k, dict(strides=[1, 1, 1, 1], dilations=[1, 1, 1, 1],
                                padding=self.choice(["SAME", "VALID"]))
        k = (int(self.rng.integers(1, 4)), int(self.rng.integers(1, 4)))
        stride = self.choice([1, 1, 2])
        # TensorFlow's depthwise kernel takes only equal strides.
        strides = [1, stride, stride if depthwise else self.choice([stride, 1]), 1]
        dilations = [1, 1, 1, 1]
        if stride == 1 and self.chance(0.25) and not depthwise:
            dilations = [1, self.choice([1, 2]), 2, 1]
        return k, dict(strides=strides, dilations=dilations,
                       **self.padding_attrs(["SAME", "VALID", "EXPLICIT"]))

    def move_conv(self, stem=False):
        """Conv2D or DepthwiseConv2dNative, then a bias/BN/activation tail;
        a stem (the first moves on a deep or a 3-channel image) takes a
        Conv2D of the newest such image."""
        x = None
        if stem:
            x = self.pick(lambda v: v.rank == 4 and v.is_float and
                          (winograd_image(v) or rgb_image(v)), newest=True)
        elif self.chance(0.7):
            # A deep image when there is one (see conv_attrs).
            try:
                x = self.pick(lambda v: v.rank == 4 and v.is_float and
                              winograd_image(v))
            except Rejected:
                pass
        if x is None:
            x = self.image()
        c = x.shape[3]
        depthwise = not stem and self.chance(0.35)
        k, attrs = self.conv_attrs(depthwise, x, stem)
        shape = self.shared_shape(x.dtype, lambda s: len(s) == 4 and s[2] == c)
        if shape is not None:
            k = shape[:2]
        if depthwise:
            mult = shape[3] if shape is not None and shape[3] <= 2 else \
                self.choice([1, 1, 2])
            f = self.weights((*k, c, mult), x.dtype)
            out = self.emit(lambda: tf.raw_ops.DepthwiseConv2dNative(
                input=x.tensor, filter=f, **attrs), [x])
        else:
            # Output channels that keep the result within MAX_ELEMENTS
            # (about: padding may add a few pixels).
            stride = attrs["strides"]
            pixels = x.shape[0] * ((x.shape[1] + 4) // stride[1] + 1) * \
                ((x.shape[2] + 4) // stride[2] + 1)
            widest = MAX_ELEMENTS // pixels
            if shape is not None:
                cout = shape[3]
            elif stem and rgb_image(x):
                # As many channels as a first layer has at times: one or
                # two panels of the micro-kernel, part of one.
                cout = int(self.rng.integers(1, max(1, min(48, widest)) + 1))
            elif stride == [1, 1, 1, 1] and winograd_image(x) and \
                    widest >= 16 and self.chance(0.5):
                # Deep enough for the next convolution to take a Winograd
                # form as well (chains of them, as in Inception).
                cout = int(self.rng.integers(16, min(24, widest) + 1))
            else:
                cout = int(self.rng.integers(1, max(1, min(8, widest)) + 1))
            f = self.weights((*k, c, cout), x.dtype,
                             scale=0.3 / np.sqrt(k[0] * k[1]))
            out = self.emit(lambda: tf.raw_ops.Conv2D(
                input=x.tensor, filter=f, **attrs), [x])
        return self.contraction_tail(out)

    def move_expand_depthwise(self):
        """MobileNet's pair: a 1x1 Conv2D with its tail, then a depthwise
        convolution of the result with its own (the optimizer calls one
        fused kernel for the two); a third of the time the Conv2D has any
        window, as a MobileNet's first layer does."""
        x = self.image()
        c = x.shape[3]
        expanded = int(self.rng.integers(1, 41))
        if self.chance(1 / 3):
            k, attrs = self.conv_attrs(False, x)
            f = self.weights((*k, c, expanded), x.dtype,
                             scale=0.5 / np.sqrt(k[0] * k[1]))
        else:
            f = self.weights((1, 1, c, expanded), x.dtype, scale=0.5)
            attrs = dict(strides=[1, 1, 1, 1],
                         padding=self.choice(["SAME", "VALID"]))
        h = self.emit(lambda: tf.raw_ops.Conv2D(
            input=x.tensor, filter=f, **attrs), [x])
        # Mostly tails the kernels apply themselves (a bias, Relu or Relu6),
        # so that the pair is fused; else any (which keeps it apart).
        fusable = self.chance(0.75)
        if fusable:
            if self.chance(0.8):
                h = self.bias(h)
            if self.chance(0.7):
                h = self.activation(h, self.choice(["Relu", "Relu6"]))
        else:
            h = self.contraction_tail(h)
        k, attrs = self.conv_attrs(True, h)
        mult = 1 if fusable else self.choice([1, 2])
        d = self.weights((*k, expanded, mult), x.dtype)
        out = self.emit(lambda: tf.raw_ops.DepthwiseConv2dNative(
            input=h.tensor, filter=d, **attrs), [h])
        if fusable:
            if self.chance(0.8):
                out = self.bias(out)
            if self.chance(0.7):
                out = self.activation(out, self.choice(["Relu", "Relu6"]))
            return out
        return self.contraction_tail(out)

    def batch_norm(self, x):
        """Inference batch normalization over the last axis, fused or not."""
        c = x.shape[-1]
        gamma = self.rng.uniform(0.5, 1.5, c).astype(x.dtype)
        beta = (self.rng.standard_normal(c) * 0.2).astype(x.dtype)
        mean = (self.rng.standard_normal(c) * 0.2).astype(x.dtype)
        var = self.rng.uniform(0.5, 1.5, c).astype(x.dtype)
        eps = float(self.choice([1e-3, 1e-5]))
        if x.rank == 4 and x.dtype == "float32" and self.chance(0.6):
            version = self.choice(["FusedBatchNormV3", "FusedBatchNormV3",
                                   "FusedBatchNorm", "FusedBatchNormV2"])
            op = getattr(tf.raw_ops, version)
            consts = [self.const(a) for a in (gamma, beta, mean, var)]
            return self.emit(lambda: op(
                x=x.tensor, scale=consts[0], offset=consts[1], mean=consts[2],
                variance=consts[3], epsilon=eps, is_training=False)[0], [x])
        # Keras's unfused form: inv = rsqrt(var + eps) * gamma;
        # y = x * inv + (beta - mean * inv), or (x - mean) * inv + beta.
        var_eps = self.emit(lambda: tf.raw_ops.AddV2(
            x=self.const(var), y=self.const(np.asarray(eps, x.dtype))), [])
        rsqrt = self.emit(lambda: tf.raw_ops.Rsqrt(x=var_eps.tensor), [var_eps])
        inv = self.emit(lambda: tf.raw_ops.Mul(x=rsqrt.tensor, y=self.const(gamma)),
                        [rsqrt])
        if self.chance(0.5):
            scaled = self.emit(lambda: tf.raw_ops.Mul(x=x.tensor, y=inv.tensor),
                               [x, inv])
            m = self.emit(lambda: tf.raw_ops.Mul(x=self.const(mean), y=inv.tensor),
                          [inv])
            shift = self.emit(lambda: tf.raw_ops.Sub(x=self.const(beta), y=m.tensor),
                              [m])
            return self.emit(lambda: tf.raw_ops.AddV2(x=scaled.tensor,
                                                      y=shift.tensor), [scaled, shift])
        centered = self.emit(lambda: tf.raw_ops.Sub(x=x.tensor, y=self.const(mean)),
                             [x])
        scaled = self.emit(lambda: tf.raw_ops.Mul(x=centered.tensor, y=inv.tensor),
                           [centered, inv])
        return self.emit(lambda: tf.raw_ops.Add(x=scaled.tensor, y=self.const(beta)),
                         [scaled])

    def move_batch_norm(self):
        x = self.pick(lambda v: v.is_float and v.rank >= 2)
        return self.batch_norm(x)

    def move_pool(self):
        x = self.image()
        op = self.choice(["MaxPool", "AvgPool"])
        kh, kw = int(self.rng.integers(1, 4)), int(self.rng.integers(1, 4))
        s = self.choice([1, 2])
        strides = [1, s, self.choice([s, 1]), 1]
        padding = self.choice(["SAME", "VALID"])
        operand = {"input" if op == "MaxPool" else "value": x.tensor}
        return self.emit(lambda: getattr(tf.raw_ops, op)(
            **operand, ksize=[1, kh, kw, 1], strides=strides,
            padding=padding), [x], exact=op == "MaxPool")

    def move_lrn(self):
        x = self.pick(lambda v: v.rank == 4 and v.dtype == "float32")
        return self.emit(lambda: tf.raw_ops.LRN(
            input=x.tensor, depth_radius=int(self.rng.integers(1, 4)),
            bias=float(self.choice([1.0, 2.0])),
            alpha=float(self.choice([1e-3, 1e-2, 0.1])),
            beta=float(self.choice([0.5, 0.6, 0.75, 1.0]))), [x])

    def move_unary(self):
        x = self.pick()
        if x.is_float:
            names = ["Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh", "Neg",
                     "Square", "Exp", "Identity"]
            if x.rank >= 1:
                names.append("Softmax")
        else:
            names = ["Relu", "Relu6", "Neg", "Square", "Identity"]
        name = self.choice(names)
        if name in ACTIVATIONS:
            return self.activation(x, name)
        if name in ("Square", "Exp") and x.magnitude > 3:
            name = "Neg"
        if x.dtype in INTS and name == "Square" and x.magnitude > 1000:
            name = "Neg"
        if name == "Softmax":
            return self.emit(lambda: tf.raw_ops.Softmax(logits=x.tensor), [x])
        if name == "Identity":
            return self.emit(lambda: tf.raw_ops.Identity(input=x.tensor), [x],
                             exact=True)
        op = getattr(tf.raw_ops, name)
        return self.emit(lambda: op(x=x.tensor), [x], exact=name == "Neg")

    def move_domain(self):
        """Log, Sqrt, Rsqrt, Pow, RealDiv on operands kept positive."""
        x = self.pick(lambda v: v.is_float)
        name = self.choice(["Log", "Sqrt", "Rsqrt", "Pow", "RealDiv", "RealDiv"])
        if name == "RealDiv":
            form = self.choice(["value", "const", "numerator_const"])
            if form == "const":
                d = self.rng.uniform(0.5, 2, self.broadcast_shape(x.shape))
                d *= self.rng.choice([-1, 1], size=d.shape)
                d = self.const(d, x.dtype)
                return self.emit(lambda: tf.raw_ops.RealDiv(x=x.tensor, y=d), [x])
            y = self.partner(x, lambda w: w.dtype == x.dtype and (
                broadcasts_to(w.shape, x.shape)) and w.magnitude <= 3)
            p = self.positive(y if y is not None else x)
            if form == "numerator_const":
                n = self.const(self.weights_array(self.broadcast_shape(p.shape),
                                                  x.dtype, 1.0))
                return self.emit(lambda: tf.raw_ops.RealDiv(x=n, y=p.tensor), [p])
            return self.emit(lambda: tf.raw_ops.RealDiv(x=x.tensor, y=p.tensor), [x, p])
        p = self.positive(x)
        if name == "Pow":
            e = self.const(np.asarray(self.choice([-1.0, 0.5, 1.5, 2.0, 3.0]),
                                      x.dtype))
            return self.emit(lambda: tf.raw_ops.Pow(x=p.tensor, y=e), [p])
        op = getattr(tf.raw_ops, name)
        return self.emit(lambda: op(x=p.tensor), [p])

    def move_binary(self):
        """A broadcasting binary op against a value or a Const."""
        x = self.pick()
        names = ["Add", "AddV2", "Sub", "Mul", "Maximum", "Minimum"]
        name = self.choice(names)
        op = getattr(tf.raw_ops, name)
        kind = self.choice(["value", "value", "const"])
        y = None
        if kind == "value":
            y = self.partner(x, lambda w: w.dtype == x.dtype and w.rank <= x.rank and (
                broadcasts_to(w.shape, x.shape)))
        if y is None:
            shape = self.broadcast_shape(x.shape)
            c = self.weights_array(shape, x.dtype, 1.0)
            yt, ys = self.const(c), []
            exact = name in ("Maximum", "Minimum")
            if x.is_float and self.chance(0.2):
                # An op on constants only, which tfc folds at compile time.
                folded = self.choice(["Exp", "Neg", "Square", "Tanh", "Sigmoid"])
                with self.graph.as_default():
                    yt = getattr(tf.raw_ops, folded)(x=yt)
                exact = False
        else:
            yt, ys = y.tensor, [y]
            exact = name in ("Maximum", "Minimum")
        if name == "Mul" and x.dtype in INTS and x.magnitude * max(
                (y.magnitude if y is not None else 3), 1) > MAX_INT:
            raise Rejected("integer overflow")
        if x.dtype in INTS:
            exact = True
        if self.chance(0.5):
            return self.emit(lambda: op(x=x.tensor, y=yt), [x, *ys], exact=exact)
        return self.emit(lambda: op(x=yt, y=x.tensor), [x, *ys], exact=exact)

    def move_scale(self):
        """Mul by a constant scalar or per-channel vector (foldable into weights)."""
        x = self.pick(lambda v: v.is_float and v.rank >= 1)
        shape = self.choice([(), (x.shape[-1],)])
        c = self.const(self.rng.uniform(0.5, 1.5, shape), x.dtype)
        return self.emit(lambda: tf.raw_ops.Mul(x=x.tensor, y=c), [x])

    def move_norm(self):
        """x - mean(x), over the last axis, scaled by rsqrt of its variance."""
        x = self.pick(lambda v: v.is_float and v.rank >= 1 and v.magnitude <= 3)
        axis = self.const(np.asarray([-1], "int32"))
        mean = self.emit(lambda: tf.raw_ops.Mean(input=x.tensor, axis=axis,
                                                 keep_dims=True), [x])
        d = self.emit(lambda: tf.raw_ops.Sub(x=x.tensor, y=mean.tensor), [x, mean])
        sq = self.emit(lambda: tf.raw_ops.Square(x=d.tensor), [d])
        var = self.emit(lambda: tf.raw_ops.Mean(input=sq.tensor, axis=axis,
                                                keep_dims=True), [sq])
        eps = self.const(np.asarray(1e-1, x.dtype))
        ve = self.emit(lambda: tf.raw_ops.AddV2(x=var.tensor, y=eps), [var])
        r = self.emit(lambda: tf.raw_ops.Rsqrt(x=ve.tensor), [ve])
        return self.emit(lambda: tf.raw_ops.Mul(x=d.tensor, y=r.tensor), [d, r])

    def move_reduce(self):
        x = self.pick(lambda v: v.rank >= 1)
        name = self.choice(["Sum", "Mean", "Max", "Mean"])
        if x.rank == 4 and self.chance(0.3):
            axes = [1, 2]
        else:
            n = int(self.rng.integers(1, x.rank + 1))
            axes = sorted(self.rng.choice(x.rank, size=n, replace=False).tolist())
            axes = [a - x.rank if self.chance(0.3) else a for a in axes]
        axis = np.asarray(axes[0] if len(axes) == 1 and self.chance(0.5) else axes,
                          self.choice(["int32", "int64"]))
        keep = bool(self.chance(0.5))
        op = getattr(tf.raw_ops, name)
        a = self.const(axis)
        return self.emit(lambda: op(input=x.tensor, axis=a, keep_dims=keep), [x],
                         exact=name == "Max")

    def move_argmax(self):
        x = self.pick(lambda v: v.rank >= 1 and v.exact)
        dim = int(self.rng.integers(-x.rank, x.rank))
        # TensorFlow does not define which index a tie gives (its kernels
        # differ by fetch set), so only tie-free slices are compared.
        top = np.max(x.value, axis=dim, keepdims=True)
        if np.any(np.sum(x.value == top, axis=dim) > 1):
            raise Rejected("ArgMax tie")
        axis = self.const(np.asarray(dim, self.choice(["int32", "int64"])))
        out = self.choice(["int32", "int64"])
        return self.emit(lambda: tf.raw_ops.ArgMax(
            input=x.tensor, dimension=axis, output_type=tf.as_dtype(out)), [x],
            exact=True, terminal=True)

    def move_reshape(self):
        x = self.pick(lambda v: v.rank >= 1)
        size = x.value.size
        rank = int(self.rng.integers(1, 5))
        dims = []
        left = size
        for _ in range(rank - 1):
            divisors = [d for d in range(1, left + 1) if left % d == 0]
            d = self.choice(divisors)
            dims.append(d)
            left //= d
        dims.append(left)
        if self.chance(0.4):
            dims[int(self.rng.integers(len(dims)))] = -1
        s = self.const(np.asarray(dims, self.choice(["int32", "int64"])))
        return self.emit(lambda: tf.raw_ops.Reshape(tensor=x.tensor, shape=s), [x],
                         exact=True)

    def move_keras_flatten(self):
        """Keras's Flatten: Reshape(x, Pack([Shape(x)[0], -1]))."""
        x = self.pick(lambda v: v.rank >= 3)
        index = self.choice(["int32", "int64"])

        def make():
            shape = tf.raw_ops.Shape(input=x.tensor, out_type=tf.as_dtype(index))
            consts = [tf.constant(np.asarray(v, index)) for v in ([0], [1], [1])]
            batch = tf.raw_ops.StridedSlice(input=shape, begin=consts[0],
                                            end=consts[1], strides=consts[2],
                                            shrink_axis_mask=1)
            minus_one = tf.constant(np.asarray(-1, index))
            packed = tf.raw_ops.Pack(values=[batch, minus_one], axis=0)
            return tf.raw_ops.Reshape(tensor=x.tensor, shape=packed)
        return self.emit(make, [x], exact=True)

    def move_transpose(self):
        x = self.pick(lambda v: v.rank >= 2)
        perm = self.rng.permutation(x.rank)
        p = self.const(perm.astype(self.choice(["int32", "int64"])))
        return self.emit(lambda: tf.raw_ops.Transpose(x=x.tensor, perm=p), [x],
                         exact=True)

    def move_pad(self):
        x = self.pick(lambda v: v.rank >= 1)
        pads = self.rng.integers(0, 3, size=(x.rank, 2))
        p = self.const(pads.astype(self.choice(["int32", "int64"])))
        if self.chance(0.5):
            return self.emit(lambda: tf.raw_ops.Pad(input=x.tensor, paddings=p), [x],
                             exact=True)
        cv = self.const(self.weights_array((), x.dtype, 1.0))
        return self.emit(lambda: tf.raw_ops.PadV2(input=x.tensor, paddings=p,
                                                  constant_values=cv), [x], exact=True)

    def move_concat(self):
        x = self.pick(lambda v: v.rank >= 1)
        axis = int(self.rng.integers(-x.rank, x.rank))
        ax = axis % x.rank

        def fits(w):
            return (w.dtype == x.dtype and w.rank == x.rank and all(
                a == b for i, (a, b) in enumerate(zip(w.shape, x.shape)) if i != ax))
        parts = [x]
        for _ in range(int(self.rng.integers(1, 3))):
            w = self.partner(x, fits) if self.chance(0.7) else None
            parts.append(w if w is not None else Value(self.const(
                self.weights_array(x.shape, x.dtype, 1.0)), None, True))
        self.rng.shuffle(parts)
        tensors = [p.tensor for p in parts]
        a = self.const(np.asarray(axis, self.choice(["int32", "int64"])))
        real = [p for p in parts if p.value is not None]
        return self.emit(lambda: tf.raw_ops.ConcatV2(values=tensors, axis=a), real,
                         exact=True)

    def move_pack(self):
        x = self.pick(lambda v: v.rank <= 3)
        y = self.partner(x, lambda w: w.shape == x.shape and w.dtype == x.dtype)
        y = y or x
        if x.rank == 0 and y is x:
            # TensorFlow's grappler rewrites Pack(s, s) of a scalar into a Tile
            # that its own kernel rejects (seed 101725 of the second long run).
            raise Rejected("Pack of one scalar twice")
        axis = int(self.rng.integers(-(x.rank + 1), x.rank + 1))
        return self.emit(lambda: tf.raw_ops.Pack(values=[x.tensor, y.tensor],
                                                 axis=axis), [x, y], exact=True)

    def move_slice(self):
        x = self.pick(lambda v: v.rank >= 1)
        begin = [int(self.rng.integers(0, d)) for d in x.shape]
        size = [int(self.rng.integers(1, d - b + 1)) if self.chance(0.7) else -1
                for d, b in zip(x.shape, begin)]
        dtype = self.choice(["int32", "int64"])
        b, s = self.const(np.asarray(begin, dtype)), self.const(np.asarray(size, dtype))
        return self.emit(lambda: tf.raw_ops.Slice(input=x.tensor, begin=b, size=s),
                         [x], exact=True)

    def move_strided_slice(self):
        x = self.pick(lambda v: v.rank >= 1)
        n = x.rank
        begin, end, strides = [], [], []
        masks = dict(begin_mask=0, end_mask=0, ellipsis_mask=0, new_axis_mask=0,
                     shrink_axis_mask=0)
        specs = n
        ellipsis = self.chance(0.2) and n >= 2
        if ellipsis:
            specs = n - int(self.rng.integers(1, n))  # covers >= 1 dims
        pos = list(range(specs + (1 if ellipsis else 0)))
        ell_at = int(self.rng.integers(len(pos))) if ellipsis else -1
        dim = 0
        for i in pos:
            if i == ell_at:
                masks["ellipsis_mask"] |= 1 << i
                begin.append(0), end.append(0), strides.append(1)
                dim += n - specs
                continue
            d = x.shape[dim] if dim < n else 1
            r = self.rng.random()
            if r < 0.15:   # shrink
                masks["shrink_axis_mask"] |= 1 << i
                b = int(self.rng.integers(-d, d))
                begin.append(b), end.append(b + 1 if b != -1 else 0), strides.append(1)
            elif r < 0.25 and not ellipsis:   # new axis
                masks["new_axis_mask"] |= 1 << i
                begin.append(0), end.append(1), strides.append(1)
                continue
            else:
                s = self.choice([1, 1, 2, -1, -2])
                begin.append(int(self.rng.integers(-d - 1, d + 1)))
                end.append(int(self.rng.integers(-d - 1, d + 2)))
                strides.append(s)
                if self.chance(0.3):
                    masks["begin_mask"] |= 1 << i
                if self.chance(0.3):
                    masks["end_mask"] |= 1 << i
            dim += 1
        dtype = self.choice(["int32", "int64"])
        consts = [self.const(np.asarray(a, dtype)) for a in (begin, end, strides)]
        return self.emit(lambda: tf.raw_ops.StridedSlice(
            input=x.tensor, begin=consts[0], end=consts[1], strides=consts[2],
            **masks), [x], exact=True)

    def move_expand_squeeze(self):
        x = self.pick()
        ones = [i for i, d in enumerate(x.shape) if d == 1]
        if ones and self.chance(0.5):
            dims = [] if self.chance(0.3) else [self.choice(ones) - (
                x.rank if self.chance(0.5) else 0)]
            return self.emit(lambda: tf.raw_ops.Squeeze(input=x.tensor,
                                                        axis=dims), [x], exact=True)
        d = self.const(np.asarray(int(self.rng.integers(-(x.rank + 1), x.rank + 1)),
                                  self.choice(["int32", "int64"])))
        return self.emit(lambda: tf.raw_ops.ExpandDims(input=x.tensor, axis=d), [x],
                         exact=True)

    def move_cast(self):
        x = self.pick(lambda v: v.exact and v.dtype in ("float32", "float64",
                                                         "int32", "int64"))
        if x.is_float:
            target = self.choice(["int32", "int64", "float64" if
                                  x.dtype == "float32" else "float32"])
            if target in INTS:  # spread the values over a few integers first
                c = self.const(np.asarray(4.0, x.dtype))
                x = self.emit(lambda: tf.raw_ops.Mul(x=x.tensor, y=c), [x], exact=True)
        else:
            target = self.choice(["float32", "float64", "int32" if
                                  x.dtype == "int64" else "int64"])
        return self.emit(lambda: tf.raw_ops.Cast(x=x.tensor,
                                                 DstT=tf.as_dtype(target)), [x],
                         exact=True)

    def layer_step(self, v):
        """A function h -> h' of v's shape: a dense layer (square weights),
        a 3x3 SAME convolution keeping the channels, or an elementwise
        chain, each with a bias and an activation; for loop and If bodies."""
        kinds = ["chain"]
        if v.rank == 2 and v.shape[1] <= 64:
            kinds.append("dense")
        if v.rank == 4 and v.shape[3] <= 8:
            kinds.append("conv")
        kind = self.choice(kinds)
        act = self.choice(ACTIVATIONS)
        if kind == "dense":
            f = v.shape[1]
            w = self.weights((f, f), v.dtype, scale=0.5 / np.sqrt(f),
                             share=False)
        elif kind == "conv":
            c = v.shape[3]
            w = self.weights((3, 3, c, c), v.dtype, scale=0.3 / np.sqrt(9 * c),
                             share=False)
        b = self.const(self.weights_array((v.shape[-1],), v.dtype, 0.3))
        scale = self.const(np.asarray(self.choice([0.5, 0.75, 1.25]), v.dtype))

        def step(h):
            if kind == "dense":
                h = tf.raw_ops.MatMul(a=h, b=w)
            elif kind == "conv":
                h = tf.raw_ops.Conv2D(input=h, filter=w, strides=[1, 1, 1, 1],
                                      padding="SAME")
            else:
                h = tf.raw_ops.Mul(x=tf.raw_ops.Tanh(x=h), y=scale)
            h = tf.raw_ops.BiasAdd(value=h, bias=b)
            if act == "LeakyRelu":
                return tf.raw_ops.LeakyRelu(features=h, alpha=0.2)
            if act in ("Relu", "Relu6", "Elu"):
                return getattr(tf.raw_ops, act)(features=h)
            return getattr(tf.raw_ops, act)(x=h)
        return step

    def move_loop(self):
        """A tf.while_loop over a value, run 1-3 times, its body a
        layer_step; functional (StatelessWhile) or TensorFlow 1's loop
        nodes; at times a second variable of the same shape is swapped with
        the first every step, so the result alternates between them."""
        v = self.pick(lambda v: v.is_float and 1 <= v.rank <= 4)
        step = self.layer_step(v)
        steps = int(self.rng.integers(1, 4))
        other = self.partner(v, lambda w: w is not v and w.shape == v.shape
                             and w.dtype == v.dtype) if self.chance(0.3) else None
        v1 = self.chance(0.5)

        def make():
            from tensorflow.python.ops import control_flow_util
            saved = control_flow_util.ENABLE_CONTROL_FLOW_V2
            control_flow_util.ENABLE_CONTROL_FLOW_V2 = not v1
            try:
                second = other.tensor if other is not None else v.tensor
                out = tf.while_loop(
                    lambda i, h, g: i < steps,
                    lambda i, h, g: (i + 1, g, step(h)) if other is not None
                    else (i + 1, step(h), g),
                    [tf.constant(0), v.tensor, second])
                return out[1]
            finally:
                control_flow_util.ENABLE_CONTROL_FLOW_V2 = saved
        return self.emit(make, [v] + ([other] if other is not None else []))

    def move_cond(self):
        """An If (tf.cond in a function) over a value: each branch a
        layer_step (or the value itself), the condition a comparison of the
        value's sum with a threshold well away from it, so that rounding
        cannot change the branch taken."""
        v = self.pick(lambda v: v.is_float and 1 <= v.rank <= 4)
        branches = [self.layer_step(v), self.layer_step(v)]
        if self.chance(0.2):
            branches[int(self.rng.integers(2))] = lambda h: tf.raw_ops.Identity(
                input=h)
        total = float(np.sum(v.value))
        margin = 0.5 + 0.1 * abs(total)
        threshold = self.const(np.asarray(
            total + self.choice([-margin, margin]), v.dtype))

        def make():
            from tensorflow.python.ops import cond_v2
            return cond_v2.cond_v2(
                tf.raw_ops.Greater(x=tf.raw_ops.Sum(
                    input=v.tensor, axis=list(range(v.rank))), y=threshold),
                lambda: branches[0](v.tensor), lambda: branches[1](v.tensor))
        return self.emit(make, [v])

    # (move, weight, float only)
    MOVES = (
        ("move_dense", 10, False), ("move_conv", 8, True),
        ("move_expand_depthwise", 4, True),
        ("move_batch_norm", 2, True), ("move_pool", 2, True),
        ("move_lrn", 1, True), ("move_unary", 6, False),
        ("move_domain", 3, True), ("move_binary", 6, False),
        ("move_scale", 2, True), ("move_norm", 1, True),
        ("move_reduce", 3, False), ("move_argmax", 1, False),
        ("move_reshape", 2, False), ("move_transpose", 2, False),
        ("move_pad", 2, False), ("move_concat", 2, False),
        ("move_pack", 1, False), ("move_slice", 1, False),
        ("move_strided_slice", 2, False), ("move_expand_squeeze", 1, False),
        ("move_cast", 1, False), ("move_keras_flatten", 1, False),
        ("move_loop", 2, True), ("move_cond", 2, True),
    )

    def run(self):
        rng = self.rng
        dtype = self.choice(["float32"] * 14 + ["float64"] * 3 + ["int32"] * 2 +
                            ["int64"])
        batch = int(rng.integers(1, 6))
        kind = self.choice(["image", "image", "dense", "dense", "sequence"])
        size = None
        if kind == "image" and dtype in FLOATS:
            # Often an image deep enough for the Winograd kernel (16
            # channels; for 3x3, 64 output tiles of 4x4 pixels over the
            # batch, else F(2x2, 3x3) from 16 of 2x2; 16 of 2x2 for 5x5, 16
            # of 4 pixels for 1x7): a large one, mostly F(4x4, 3x3), or a
            # medium one, mostly F(2x2, 3x3); else a small, shallow one.
            # Or a wide image of 3 channels (a first layer's input).
            size = self.choice(["large", "medium", "rgb", "small"])
            side = {"large": (16, 33), "medium": (6, 16), "rgb": (10, 41),
                    "small": (3, 10)}[size]
            if size in ("large", "rgb"):  # room for channels in a result
                batch = min(batch, 2)
            depth = {"small": (1, 6), "rgb": (3, 4)}.get(size, (16, 25))
            shape = (batch, int(rng.integers(*side)), int(rng.integers(*side)),
                     int(rng.integers(*depth)))
        elif kind == "sequence":
            shape = (batch, int(rng.integers(1, 7)), int(rng.integers(1, 9)))
        else:
            shape = (batch, int(rng.integers(1, 17)))
        self.placeholder("x", shape, dtype)
        if self.chance(0.35):
            second = shape if self.chance(0.6) else (batch, int(rng.integers(1, 13)))
            self.placeholder("x1", second, dtype)
        elif self.chance(0.1):
            # Not fed: it yields its default, a Const.
            default = self.weights_array(shape, dtype, 1.0)
            c = self.const(default)
            with self.graph.as_default():
                t = tf.raw_ops.PlaceholderWithDefault(input=c, shape=shape,
                                                      name="x_default")
            self.pool.append(Value(t, default, exact=True))
        float_graph = dtype in FLOATS
        moves = [(name, w) for name, w, float_only in self.MOVES
                 if float_graph or not float_only]
        names = [m for m, _ in moves]
        weights = np.asarray([w for _, w in moves], float)
        target = int(rng.integers(2, 27))
        attempts = 0
        if size in ("large", "medium", "rgb") and self.chance(0.8):
            # Convolutions first on most deep or 3-channel images: the other
            # moves often flatten or shrink them before a convolution is
            # drawn.
            for _ in range(int(rng.integers(1, 4))):
                try:
                    self.move_conv(stem=True)
                    self.moves.append("conv")
                except Rejected:
                    pass
        while self.ops < target and attempts < 200:
            attempts += 1
            name = names[int(rng.choice(len(names), p=weights / weights.sum()))]
            try:
                getattr(self, name)()
                self.moves.append(name[5:])
            except Rejected:
                pass
        if self.ops == 0:
            raise Rejected("no op could be added")
        return batch

    def fetches(self):
        """The values to fetch: leaves (up to 4, newest first) and at times a
        value that other ops consume too."""
        made = [v for v in self.pool if v.tensor.op.type != "Placeholder"]
        leaves = [v for v in made if self.consumers.get(v.tensor.name, 0) == 0]
        chosen = list(reversed(leaves))[:4]
        inner = [v for v in made if v not in chosen]
        if inner and self.chance(0.3):
            chosen.append(self.choice(inner))
        if self.chance(0.05):  # the same tensor fetched twice
            chosen.append(self.choice(chosen))
        if self.chance(0.05):  # a feed fetched as it is
            chosen.append(self.pool[0])
        return chosen


def generate(seed):
    """The graph of `seed` (a Graph); deterministic."""
    for attempt in range(20):
        gen = Generator(seed * 64 + attempt if attempt else seed)
        try:
            batch = gen.run()
        except Rejected:
            gen.session.close()
            continue
        fetched = gen.fetches()
        gen.session.close()
        outputs = []
        for j, v in enumerate(fetched):
            tensor = v.tensor
            if j == 0 or not gen.chance(0.5):
                outputs.append(common.Output(f"y{j}", tensor.name))
                continue
            with gen.graph.as_default():  # the Identity a SavedModel adds
                ident = tf.raw_ops.Identity(input=tensor, name=f"Identity_{j}")
            outputs.append(common.Output(f"y{j}", ident.name))
        graph_def = common.prune(gen.graph.as_graph_def(),
                                 [o.node for o in outputs])
        present = {n.name for n in graph_def.node}
        unknown_batch = gen.chance(0.5)
        inputs = []
        values = {}
        for name, shape, dtype, array in gen.inputs:
            if name not in present:
                continue
            dims = tuple(shape)
            if unknown_batch:  # as exported models: the config pins it
                dims = (None,) + dims[1:]
                node = next(n for n in graph_def.node if n.name == name)
                node.attr["shape"].shape.dim[0].size = -1
            inputs.append(common.Input(name, dtype, dims, fixed(array)))
            values[name] = array
        ops = sum(n.op not in ("Placeholder", "Const") for n in graph_def.node)
        return Graph(seed, graph_def, inputs, outputs, batch, values, ops,
                     " ".join(gen.moves))
    raise RuntimeError(f"seed {seed}: no graph after 20 attempts")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("--pbtxt", action="store_true",
                        help="print the GraphDef in text form")
    args = parser.parse_args(argv)
    g = generate(args.seed)
    print(f"seed {g.seed}: {g.ops} ops, batch {g.batch}, inputs "
          f"{[(i.name, i.dtype, i.shape) for i in g.inputs]}, fetches "
          f"{[o.tensor for o in g.outputs]}\nmoves: {g.description}")
    print("ops:", " ".join(n.op for n in g.graph_def.node
                           if n.op not in ("Const", "Placeholder")))
    if args.pbtxt:
        print(common.graph_def_text(g.graph_def), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
