"""Helpers shared by every seed-model generator.

A model module builds its network as a tf.function over tf.Variables, the way
users write TensorFlow 2, and hands it to `freeze`, which turns it into a
frozen GraphDef with `convert_variables_to_constants_v2`. `write_model` then
writes everything the end-to-end harness needs (see models/README.md):
model.pb, config.pbtxt (tfcompile's tf2xla.Config text format), seeded inputs,
TensorFlow's outputs and manifest.json.

The expected outputs come from importing the written model.pb into a fresh
tf.compat.v1 graph and running it in a Session: TensorFlow is the oracle for
exactly the GraphDef and inputs that tfc compiles, not for the Python code
that produced them.
"""

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

# Quiet TensorFlow's start-up chatter, and keep the reference kernels on
# Eigen rather than oneDNN so that expected outputs do not depend on which
# oneDNN code path the generating machine picks.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from google.protobuf import text_format  # noqa: E402
from tensorflow.python.framework.convert_to_constants import (  # noqa: E402
    convert_variables_to_constants_v2)

# Ops of simple dense models. The first seed models are restricted to these so
# the compiler can be brought up on a small op set.
BASIC_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Add", "AddV2", "Sub", "Mul",
    "RealDiv", "Maximum", "Minimum", "Neg", "MatMul", "BiasAdd", "Relu",
    "Sigmoid", "Tanh", "Softmax", "Reshape",
})

_C_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class Input:
    """A feed of the model: one Placeholder.

    `shape` uses None for the batch dimension; the GraphDef keeps it unknown
    (as exported models do) and config.pbtxt pins it to --batch. `sample`
    draws the input values; the default suits the dtype.
    """
    name: str
    dtype: str
    shape: tuple
    sample: Optional[Callable] = None

    def static_shape(self, batch):
        return tuple(batch if d is None else d for d in self.shape)

    def draw(self, rng, batch):
        shape = self.static_shape(batch)
        dtype = np.dtype(self.dtype)
        if self.sample is not None:
            values = self.sample(rng, shape)
        elif dtype == np.bool_:
            values = rng.integers(0, 2, size=shape) != 0
        elif np.issubdtype(dtype, np.integer):
            values = rng.integers(0, 10, size=shape)
        else:
            values = rng.standard_normal(size=shape)
        # astype(order="C"), not ascontiguousarray: that makes scalars 1-D.
        return np.asarray(values).astype(dtype, order="C")


@dataclass(frozen=True)
class Output:
    """A fetch of the model: a C identifier and the graph tensor it names."""
    name: str
    tensor: str  # "node:index"

    @property
    def node(self):
        return self.tensor.rsplit(":", 1)[0]

    @property
    def index(self):
        return int(self.tensor.rsplit(":", 1)[1])


@dataclass
class Model:
    """A frozen GraphDef with its feeds and fetches, in order."""
    graph_def: "tf.compat.v1.GraphDef"
    inputs: list
    outputs: list = field(default_factory=list)


def freeze(fn, inputs, *, fetch_named_nodes=False):
    """Trace `fn` for `inputs` and freeze its variables into constants.

    `fn` takes one tensor per Input, in order, and returns a dict from output
    name (a C identifier) to tensor; outputs are fetched in the dict's order.
    The result is the graph users get from a SavedModel signature: each
    output is an "Identity" node, with control edges from a NoOp when
    variables were read.

    With `fetch_named_nodes`, each output is fetched at the node that made
    the returned tensor (e.g. a `tf.identity(..., name="final_result")`)
    instead of the signature's Identity, and the graph is pruned to what the
    fetches need, as TF1's `convert_variables_to_constants(sess, graph_def,
    output_node_names)` did for TF-for-Poets graphs.
    """
    for inp in inputs:
        _check_identifier(inp.name, "input")
    signature = [tf.TensorSpec(inp.shape, tf.as_dtype(inp.dtype), name=inp.name)
                 for inp in inputs]
    concrete = tf.function(fn, input_signature=signature).get_concrete_function()
    returned = concrete.structured_outputs
    if not isinstance(returned, dict):
        raise TypeError("a model function must return a dict of outputs")
    frozen = convert_variables_to_constants_v2(concrete)
    # The frozen function's outputs are flat, in tf.nest's order of the dict.
    flat_names = tf.nest.flatten({name: name for name in returned})
    tensors = dict(zip(flat_names, frozen.outputs))
    outputs = []
    for name in returned:
        _check_identifier(name, "output")
        tensor = tensors[name]
        if fetch_named_nodes:
            # The signature's Identity reads the tensor the function returned.
            tensor = tensor.op.inputs[0]
        outputs.append(Output(name, tensor.name))
    graph_inputs = [t.name for t in frozen.inputs]
    expected = [f"{inp.name}:0" for inp in inputs]
    if graph_inputs != expected:
        raise RuntimeError(f"frozen inputs {graph_inputs}, expected {expected}")
    graph_def = frozen.graph.as_graph_def()
    if fetch_named_nodes:
        graph_def = prune(graph_def, [out.node for out in outputs])
    return Model(graph_def, list(inputs), outputs)


def prune(graph_def, node_names):
    """The GraphDef of the nodes that `node_names` depend on, in graph order.

    Data and control inputs both count, as in TF1's graph_util.extract_sub_graph.
    """
    nodes = {node.name: node for node in graph_def.node}
    needed, stack = set(), list(node_names)
    while stack:
        name = stack.pop()
        if name in needed:
            continue
        needed.add(name)
        for input_name in nodes[name].input:
            stack.append(input_name.lstrip("^").split(":")[0])
    pruned = tf.compat.v1.GraphDef()
    pruned.CopyFrom(graph_def)
    del pruned.node[:]
    pruned.node.extend(n for n in graph_def.node if n.name in needed)
    return pruned


def _check_identifier(name, what):
    if not _C_IDENTIFIER.match(name):
        raise ValueError(f"{what} name {name!r} is not a C identifier")


def graph_ops(graph_def):
    """The sorted, distinct op types of a GraphDef's nodes."""
    return sorted({node.op for node in graph_def.node})


def check_ops(model_name, graph_def, allowed):
    """Fail when TensorFlow emitted ops the model is not meant to contain."""
    extra = sorted(set(graph_ops(graph_def)) - set(allowed))
    if extra:
        nodes = [f"{n.name} ({n.op})" for n in graph_def.node if n.op in extra]
        raise RuntimeError(f"{model_name}: unexpected ops {extra} in nodes "
                           f"{nodes}; restructure the model")


def config_text(model, batch, header=""):
    """tfcompile's tf2xla.Config in text format for `model` at `batch`."""
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for inp in model.inputs:
        dims = "".join(f" dim {{ size: {d} }}" for d in inp.static_shape(batch))
        lines.append(f'feed {{ id {{ node_name: "{inp.name}" }} '
                     f'shape {{{dims} }} name: "{inp.name}" }}')
    for out in model.outputs:
        index = f" output_index: {out.index}" if out.index else ""
        lines.append(f'fetch {{ id {{ node_name: "{out.node}"{index} }} '
                     f'name: "{out.name}" }}')
    return "\n".join(lines) + "\n"


def graph_def_text(graph_def, header=""):
    """A GraphDef in protobuf text format, one node a line, `header` as # comments.

    One line per top-level field keeps small committed graphs short and
    their diffs readable.
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    for descriptor, value in graph_def.ListFields():
        values = value if descriptor.is_repeated else [value]
        for item in values:
            body = text_format.MessageToString(item, as_one_line=True)
            lines.append(f"{descriptor.name} {{ {body} }}")
    return "\n".join(lines) + "\n"


def run_tensorflow(graph_def_bytes, feeds, fetches, *, grappler=True):
    """Run a serialized GraphDef in a fresh graph and Session.

    `feeds` maps tensor names ("x:0") to arrays, `fetches` lists tensor
    names. One thread per session so the reference is reproducible. With
    `grappler=False` TensorFlow's graph optimizer is off, so the kernels run
    the graph exactly as written: the differential tester's oracle, since
    grappler has its own bugs (it flipped the sign of an int32 Sub(0,
    Neg(...)) chain, test/differential/FINDINGS.md).
    """
    graph_def = tf.compat.v1.GraphDef()
    graph_def.ParseFromString(graph_def_bytes)
    graph = tf.Graph()
    with graph.as_default():
        tf.compat.v1.import_graph_def(graph_def, name="")
    config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1,
                                      inter_op_parallelism_threads=1)
    if not grappler:
        config.graph_options.rewrite_options.disable_meta_optimizer = True
    with tf.compat.v1.Session(graph=graph, config=config) as session:
        return [np.asarray(v) for v in session.run(list(fetches), feeds)]


def _write_bytes(path, data):
    """Write a file atomically, so a crash never leaves a partial one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _raw(array):
    """Raw little-endian, C-order bytes of an array."""
    array = np.ascontiguousarray(array)
    return array.astype(array.dtype.newbyteorder("<"), copy=False).tobytes()


def write_model(name, model, out_dir, *, batch, seed, inputs_rng, extra=None,
                header=None, grappler=True, reference=None):
    """Write model.pb, config.pbtxt, inputs/, expected/ and manifest.json.

    manifest.json is removed first and written last, so its presence means
    the directory is complete. `extra` adds keys to the manifest; `header`
    replaces config.pbtxt's comment saying how the files were made.
    `reference`, a Model with the same feeds and as many fetches, is run for
    the expected outputs instead of `model`: an equivalent graph, for an op
    variant that TensorFlow's CPU kernels do not implement (the manifest
    names its ops under "reference_ops").
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").unlink(missing_ok=True)
    for sub in ("inputs", "expected"):
        for stale in (out / sub).glob("*.bin"):
            stale.unlink()

    graph_bytes = model.graph_def.SerializeToString(deterministic=True)
    _write_bytes(out / "model.pb", graph_bytes)
    if header is None:
        header = (f"Generated by models/generate.py {name} --batch {batch} "
                  f"--seed {seed}.")
    _write_bytes(out / "config.pbtxt", config_text(model, batch, header).encode())

    args = []
    feeds = {}
    for i, inp in enumerate(model.inputs):
        value = inp.draw(inputs_rng, batch)
        feeds[f"{inp.name}:0"] = value
        args.append(_describe(inp.name, f"{inp.name}:0", value, f"inputs/arg{i}.bin"))
        _write_bytes(out / args[-1]["file"], _raw(value))

    oracle = reference or model
    values = run_tensorflow(
        oracle.graph_def.SerializeToString(deterministic=True), feeds,
        [o.tensor for o in oracle.outputs], grappler=grappler)
    results = []
    for j, (out_spec, value) in enumerate(zip(model.outputs, values)):
        if value.dtype.kind == "f" and not np.all(np.isfinite(value)):
            raise RuntimeError(f"{name}: output {out_spec.name} is not finite")
        results.append(_describe(out_spec.name, out_spec.tensor, value,
                                 f"expected/result{j}.bin"))
        _write_bytes(out / results[-1]["file"], _raw(value))

    manifest = {"model": name, "args": args, "results": results,
                "batch": batch, "seed": seed,
                "ops": graph_ops(model.graph_def),
                "tensorflow": tf.__version__}
    if reference is not None:
        manifest["reference_ops"] = graph_ops(reference.graph_def)
    manifest.update(extra or {})
    _write_bytes(out / "manifest.json",
                 (json.dumps(manifest, indent=2) + "\n").encode())
    return manifest


def _describe(name, node, value, file):
    return {"name": name, "node": node, "dtype": value.dtype.name,
            "shape": list(value.shape), "file": file}


def single_conv2d(height, width, channels, filters, kernel, rng):
    """One Conv2D, the microbenchmarks' model: x float32 [batch, height,
    width, channels] -> y [batch, height, width, filters], a kernel x kernel
    frozen constant filter, stride 1, SAME padding, no bias or activation
    (so the op's FLOPs are all the work). Fetch: y."""
    w = tf.Variable(
        (rng.standard_normal((kernel, kernel, channels, filters)) /
         np.sqrt(kernel * kernel * channels)).astype(np.float32), name="w")

    def fn(x):
        return {"y": tf.nn.conv2d(x, w, strides=1, padding="SAME", name="y")}

    return freeze(fn, [Input("x", "float32", (None, height, width, channels))])


def inverted_residual(height, width, channels, expanded, filters, stride,
                      rng):
    """One MobileNetV2 block, a microbenchmark model: x float32 [batch,
    height, width, channels]; a 1x1 Conv2D to `expanded` channels, BiasAdd,
    Relu6; a 3x3 DepthwiseConv2dNative (stride `stride`, SAME), BiasAdd,
    Relu6; a 1x1 Conv2D to `filters` channels, BiasAdd; plus x when the
    stride is 1 and filters == channels. Frozen constant weights (as after
    BatchNorm folding). Fetch: y."""

    def weights(*shape):
        fan_in = int(np.prod(shape[:-1]))
        return tf.Variable((rng.standard_normal(shape) / np.sqrt(fan_in))
                           .astype(np.float32))

    def biases(count):
        return tf.Variable((0.1 * rng.standard_normal(count)).astype(np.float32))

    w_expand, b_expand = weights(1, 1, channels, expanded), biases(expanded)
    w_dw, b_dw = weights(3, 3, expanded, 1), biases(expanded)
    w_project, b_project = weights(1, 1, expanded, filters), biases(filters)

    def fn(x):
        h = tf.nn.conv2d(x, w_expand, strides=1, padding="SAME")
        h = tf.nn.relu6(tf.nn.bias_add(h, b_expand))
        h = tf.nn.depthwise_conv2d(h, w_dw, strides=[1, stride, stride, 1],
                                   padding="SAME")
        h = tf.nn.relu6(tf.nn.bias_add(h, b_dw))
        h = tf.nn.conv2d(h, w_project, strides=1, padding="SAME")
        h = tf.nn.bias_add(h, b_project)
        if stride == 1 and filters == channels:
            h = x + h
        return {"y": tf.identity(h, name="y")}

    return freeze(fn, [Input("x", "float32", (None, height, width, channels))])
