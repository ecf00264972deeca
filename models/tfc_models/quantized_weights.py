"""quantized_weights: a small CNN whose weights are stored as 8-bit Consts.

x float32 [batch, 16, 16, 3] in [0, 1]. conv 3x3x16 SAME + bias + ReLU ->
max pool 2/2 -> conv 3x3x32 SAME + bias + ReLU -> max pool 2/2 -> Reshape
[-1, 512] -> dense 64 + bias + ReLU -> dense 10 + bias; fetches logits and
probs (Softmax). Built as a float tf.function over seeded tf.Variables and
frozen with common.freeze; then the four weight Consts are replaced, as the
weight-quantization tools rewrote frozen graphs, by an 8-bit Const, a scalar
(or per-channel) float min and max Const and a Dequantize named like the old
Const, so the float weight reaching Conv2D / MatMul (through the frozen
variable's Identity) is Dequantize(Const q, Const min, Const max):

- conv1 kernel: quint8, mode MIN_COMBINED, range [min(w, 0), max(w)]: TF1's
  tools/quantization/quantize_graph.py --mode=weights (nodes <w>_quint8_const,
  <w>_min, <w>_max; Dequantize attrs T and mode only).
- conv2 kernel: quint8, mode MIN_FIRST, range [min(w, 0), max(w, 0)]: the
  graph_transforms `quantize_weights` transform (nodes <w>_quantized_const,
  _quantized_min, _quantized_max; attrs T and mode only). It only quantizes
  Consts of >= 1024 elements, which is why biases stay float everywhere.
- dense1 kernel: qint8, mode SCALED, per tensor (axis -1, narrow_range
  false): the signed symmetric form later tools (Intel's quantization, TF
  2's QuantizeV2 with axis) use for weights; Dequantize carries all attrs.
- dense2 kernel: qint8, mode SCALED, per channel (axis 1: min and max are
  1-D [10] Consts), narrow_range true.

The quantized values and the min/max Consts are those TensorFlow's own
QuantizeV2 gives for each mode (round half away from zero), as
quantize_graph.py computed them (graph_transforms' own MIN_FIRST rounding
may differ from it in the last bit; the graph is what matters); the expected
outputs come from TensorFlow's Dequantize kernel.
Ops: Dequantize (quint8 MIN_COMBINED, quint8 MIN_FIRST, qint8 SCALED per
tensor and per channel) besides the float CNN's own.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Dequantize", "Conv2D",
    "BiasAdd", "Relu", "MaxPool", "Reshape", "MatMul", "Softmax",
})

# Weight variable -> (quantized dtype, mode, axis, narrow_range, node suffixes
# of the quantized Const, min and max, whether the Dequantize carries the
# axis and narrow_range attributes as newer writers set them).
_SCHEMES = {
    "conv1/kernel": (tf.quint8, "MIN_COMBINED", -1, False,
                     ("_quint8_const", "_min", "_max"), False),
    "conv2/kernel": (tf.quint8, "MIN_FIRST", -1, False,
                     ("_quantized_const", "_quantized_min", "_quantized_max"),
                     False),
    "dense1/kernel": (tf.qint8, "SCALED", -1, False,
                      ("_qint8_const", "_min", "_max"), True),
    "dense2/kernel": (tf.qint8, "SCALED", 1, True,
                      ("_qint8_const", "_min", "_max"), True),
}


def _variable(rng, shape, fan_in, name):
    values = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
    return tf.Variable(values.astype(np.float32), name=name)


def _bias(rng, size, name):
    return tf.Variable((rng.standard_normal(size) * 0.05).astype(np.float32),
                       name=name)


def _const_node(name, array, dtype):
    node = tf.compat.v1.NodeDef(name=name, op="Const")
    node.attr["dtype"].type = dtype.as_datatype_enum
    node.attr["value"].tensor.CopyFrom(
        tf.make_tensor_proto(array, dtype=dtype, shape=np.shape(array)))
    return node


def _quantized_nodes(node, scheme):
    """Replacement nodes for the float weight Const `node`."""
    dtype, mode, axis, narrow_range, suffixes, new_attrs = scheme
    weights = tf.make_ndarray(node.attr["value"].tensor)
    if axis == -1:
        low, high = min(weights.min(), 0.0), weights.max()
        if mode == "MIN_FIRST":
            high = max(high, 0.0)
    else:
        reduce = tuple(i for i in range(weights.ndim) if i != axis)
        low, high = weights.min(axis=reduce), weights.max(axis=reduce)
    q = tf.raw_ops.QuantizeV2(input=tf.constant(weights),
                              min_range=tf.constant(low, tf.float32),
                              max_range=tf.constant(high, tf.float32),
                              T=dtype, mode=mode, narrow_range=narrow_range,
                              axis=axis)
    const_name, min_name, max_name = (node.name + s for s in suffixes)
    dequantize = tf.compat.v1.NodeDef(name=node.name, op="Dequantize",
                                      input=[const_name, min_name, max_name])
    dequantize.attr["T"].type = dtype.as_datatype_enum
    dequantize.attr["mode"].s = mode.encode()
    if new_attrs:
        dequantize.attr["narrow_range"].b = narrow_range
        dequantize.attr["axis"].i = axis
    return [_const_node(const_name, q.output.numpy(), dtype),
            _const_node(min_name, q.output_min.numpy(), tf.float32),
            _const_node(max_name, q.output_max.numpy(), tf.float32),
            dequantize]


def _quantize_weights(graph_def, variables):
    """`graph_def` with the frozen Consts of `variables` quantized."""
    # Freezing names each Const after the variable's read, not the variable:
    # find them by value (the kernels are distinct random arrays).
    targets = {}
    for node in graph_def.node:
        if node.op != "Const":
            continue
        value = tf.make_ndarray(node.attr["value"].tensor)
        for var_name, var in variables.items():
            if value.shape == tuple(var.shape) and \
                    np.array_equal(value, var.numpy()):
                targets[node.name] = _SCHEMES[var_name]
    if len(targets) != len(variables):
        raise RuntimeError(f"quantized_weights: found {sorted(targets)} for "
                           f"{sorted(variables)}")
    result = tf.compat.v1.GraphDef()
    result.CopyFrom(graph_def)
    del result.node[:]
    for node in graph_def.node:
        if node.name in targets:
            result.node.extend(_quantized_nodes(node, targets[node.name]))
        else:
            result.node.append(node)
    return result


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    k1 = _variable(rng, (3, 3, 3, 16), 3 * 3 * 3, "conv1/kernel")
    b1 = _bias(rng, 16, "conv1/bias")
    k2 = _variable(rng, (3, 3, 16, 32), 3 * 3 * 16, "conv2/kernel")
    b2 = _bias(rng, 32, "conv2/bias")
    w3 = _variable(rng, (4 * 4 * 32, 64), 4 * 4 * 32, "dense1/kernel")
    b3 = _bias(rng, 64, "dense1/bias")
    w4 = _variable(rng, (64, 10), 64, "dense2/kernel")
    b4 = _bias(rng, 10, "dense2/bias")

    def conv_pool(x, kernel, bias, name):
        y = tf.nn.conv2d(x, kernel, strides=1, padding="SAME")
        y = tf.nn.relu(tf.nn.bias_add(y, bias), name=name)
        return tf.nn.max_pool2d(y, 2, 2, "VALID")

    def fn(x):
        y = conv_pool(x, k1, b1, "conv1")
        y = conv_pool(y, k2, b2, "conv2")
        y = tf.reshape(y, [-1, 4 * 4 * 32])
        y = tf.nn.relu(tf.nn.bias_add(tf.matmul(y, w3), b3), name="dense1")
        logits = tf.nn.bias_add(tf.matmul(y, w4), b4, name="logits")
        return {"logits": logits, "probs": tf.nn.softmax(logits, name="probs")}

    sample = lambda rng, shape: rng.uniform(0.0, 1.0, size=shape)  # noqa: E731
    model = common.freeze(
        fn, [common.Input("x", "float32", (None, 16, 16, 3), sample)])
    variables = {"conv1/kernel": k1, "conv2/kernel": k2,
                 "dense1/kernel": w3, "dense2/kernel": w4}
    model.graph_def = _quantize_weights(model.graph_def, variables)
    return model
