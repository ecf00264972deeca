#!/usr/bin/env python3
"""List the distinct op variants of frozen GraphDefs: what a compiler must cover.

    op_variants.py GRAPH [GRAPH ...]

GRAPH is a model.pb (binary GraphDef), a .pbtxt, or a directory holding
model.pb (as models/generate.py and test/conformance/gen_cases.py write).
For each op type it prints how many nodes have it, then each distinct
variant with its count: the attributes that change semantics (padding,
strides, ksize, data_format, masks, keep_dims, ... ; dtypes are shown as
T=float etc.) and the values of small integer Const operands (axes,
paddings, begin/end/strides, shapes), written as in1=[...] by operand index.
Const, Placeholder and Identity variants are not listed.
"""

import argparse
import collections
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from google.protobuf import text_format  # noqa: E402

# Attributes that do not change what an op computes.
IGNORED_ATTRS = {"_class", "_output_shapes", "_has_manual_control_dependencies",
                 "use_cudnn_on_gpu", "value", "N", "grad_a", "grad_b",
                 "_read_only_resource_inputs", "Tidx", "Tshape", "Tpaddings",
                 "Index", "Tperm", "Tmultiples", "TI", "Taxis", "Tdim"}
# Integer Consts up to this many elements are shown as operand values.
MAX_SHOWN_ELEMENTS = 8


def load_graph(path):
    path = Path(path)
    if path.is_dir():
        path = path / "model.pb"
    graph_def = tf.compat.v1.GraphDef()
    if path.suffix == ".pbtxt":
        text_format.Parse(path.read_text(), graph_def)
    else:
        graph_def.ParseFromString(path.read_bytes())
    return graph_def


def _attr_text(value):
    kind = value.WhichOneof("value")
    if kind == "list":
        items = (list(value.list.i) or list(value.list.f) or
                 [s.decode() for s in value.list.s] or
                 [tf.as_dtype(t).name for t in value.list.type])
        return "[" + ",".join(str(i) for i in items) + "]"
    if kind == "type":
        return tf.as_dtype(value.type).name
    if kind == "s":
        return value.s.decode(errors="replace")
    if kind == "shape":
        return str([d.size for d in value.shape.dim])
    if kind in ("i", "f", "b"):
        return str(getattr(value, kind))
    return kind or "?"


def small_int_consts(graph_def):
    """{node name: list of values} for small integer Const nodes."""
    values = {}
    for node in graph_def.node:
        if node.op != "Const":
            continue
        tensor = node.attr["value"].tensor
        if tensor.dtype not in (tf.int32.as_datatype_enum,
                                tf.int64.as_datatype_enum):
            continue
        array = tf.make_ndarray(tensor)
        if array.size <= MAX_SHOWN_ELEMENTS:
            values[node.name] = np.asarray(array).tolist()
    return values


def variants(graph_def):
    """{op: Counter(variant text)} over the nodes of a GraphDef."""
    consts = small_int_consts(graph_def)
    result = collections.defaultdict(collections.Counter)
    for node in graph_def.node:
        parts = [f"{k}={_attr_text(v)}" for k, v in sorted(node.attr.items())
                 if k not in IGNORED_ATTRS and not k.startswith("_")]
        for i, name in enumerate(node.input):
            if name.startswith("^"):
                continue
            source = name.split(":")[0]
            if source in consts:
                parts.append(f"in{i}={consts[source]}".replace(" ", ""))
        result[node.op][" ".join(parts)] += 1
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graphs", nargs="+", type=Path)
    args = parser.parse_args(argv)
    for path in args.graphs:
        graph_def = load_graph(path)
        print(f"{path}: {len(graph_def.node)} nodes")
        for op, counter in sorted(variants(graph_def).items()):
            print(f"  {op} ({sum(counter.values())})")
            if op in ("Const", "Placeholder", "Identity"):
                continue
            for text, count in sorted(counter.items()):
                print(f"    {count:4d}  {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
