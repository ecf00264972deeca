"""Shrink a failing random graph to a minimal one, and write it as a regression.

A `Case` is a frozen GraphDef with its feeds (fixed input values), fetches and
batch. `shrink(case, verdict_of, budget)` delta-debugs it greedily: each step
proposes a smaller case and keeps it when `verdict_of` (TensorFlow vs tfc,
optimized and not) still says the same as for the original. The steps, the
biggest cuts first:

- keep only one of the fetches that failed, or drop one fetch;
- cut a node off its producers: the node becomes a Placeholder of its own
  name, fed with the value TensorFlow computes for it (its whole upstream
  cone goes);
- fetch the input of a fetched node instead of the node (a chain's tail
  goes);
- bypass a node: its consumers (and a fetch of it) read one of its inputs of
  the same shape and dtype instead (a chain gets shorter);
- freeze a node: it becomes a Const holding TensorFlow's value for it.

After every step the graph is pruned to what the fetches need. A step that
makes TensorFlow fail or produce a non-finite value is discarded.

`write_regression` stores a case under test/differential/regressions/ as
<name>.pbtxt (text GraphDef with a header comment), <name>.config.pbtxt and
<name>.data.json (inputs and TensorFlow's expected outputs as exact decimal
values, and the ops for tolerances.py). run_regressions.py runs them with
numpy only.

Needs TensorFlow (through models/tfc_models/common).
"""

import json
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

import gen_graph
from tfc_models import common

tf = common.tf


@dataclass
class Case:
    graph_def: object
    inputs: list     # common.Input with fixed sample values
    outputs: list    # common.Output
    batch: int
    values: dict     # input name -> array

    def model(self):
        return common.Model(self.graph_def, list(self.inputs), list(self.outputs))

    def ops(self):
        return sum(n.op not in ("Placeholder", "Const") for n in self.graph_def.node)


def from_graph(g):
    return Case(g.graph_def, list(g.inputs), list(g.outputs), g.batch, dict(g.values))


def _node_name(tensor):
    return tensor.lstrip("^").split(":")[0]


def _output_index(tensor):
    parts = tensor.split(":")
    return int(parts[1]) if len(parts) > 1 else 0


def prune(case):
    """The case without nodes the fetches do not need, nor their feeds."""
    graph_def = common.prune(case.graph_def, [o.node for o in case.outputs])
    present = {n.name for n in graph_def.node}
    inputs = [i for i in case.inputs if i.name in present]
    values = {k: v for k, v in case.values.items() if k in present}
    return replace(case, graph_def=graph_def, inputs=inputs, values=values)


def feeds_of(case):
    return {f"{i.name}:0": case.values[i.name] for i in case.inputs}


def node_values(case, names):
    """TensorFlow's value of output 0 of each named node."""
    if not names:
        return {}
    graph_bytes = case.graph_def.SerializeToString(deterministic=True)
    values = common.run_tensorflow(graph_bytes, feeds_of(case),
                                   [f"{n}:0" for n in names], grappler=False)
    return dict(zip(names, values))


def _replace_node(case, name, new_node):
    graph_def = type(case.graph_def)()
    graph_def.CopyFrom(case.graph_def)
    for i, node in enumerate(graph_def.node):
        if node.name == name:
            graph_def.node[i].CopyFrom(new_node)
    return graph_def


def cut(case, node, value):
    """`node` turned into a Placeholder of the same name fed with `value`."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", node.name):
        return None
    placeholder = tf.compat.v1.NodeDef(name=node.name, op="Placeholder")
    placeholder.attr["dtype"].type = tf.as_dtype(value.dtype).as_datatype_enum
    placeholder.attr["shape"].shape.CopyFrom(
        tf.TensorShape(value.shape).as_proto())
    graph_def = _replace_node(case, node.name, placeholder)
    inputs = case.inputs + [common.Input(node.name, value.dtype.name,
                                         tuple(value.shape), gen_graph.fixed(value))]
    values = dict(case.values, **{node.name: value})
    # A fed node's shape is static: the batch no longer comes from the config
    # only, which is fine, both agree.
    return prune(replace(case, graph_def=graph_def, inputs=inputs, values=values))


def freeze(case, node, value):
    """`node` turned into a Const of `value`."""
    const = tf.compat.v1.NodeDef(name=node.name, op="Const")
    const.attr["dtype"].type = tf.as_dtype(value.dtype).as_datatype_enum
    const.attr["value"].tensor.CopyFrom(tf.make_tensor_proto(value))
    return prune(replace(case, graph_def=_replace_node(case, node.name, const)))


def bypass(case, node, source):
    """Consumers of `node` (and fetches of it) read tensor `source` instead."""
    graph_def = type(case.graph_def)()
    graph_def.CopyFrom(case.graph_def)
    for other in graph_def.node:
        for i, inp in enumerate(other.input):
            if not inp.startswith("^") and _node_name(inp) == node.name:
                other.input[i] = source
    outputs = []
    for out in case.outputs:
        if out.node == node.name:
            src = source if ":" in source else f"{source}:0"
            out = common.Output(out.name, src)
        outputs.append(out)
    return prune(replace(case, graph_def=graph_def, outputs=outputs))


def upstream_sizes(case):
    """{node name: number of op nodes it depends on}."""
    nodes = {n.name: n for n in case.graph_def.node}
    memo = {}

    def cone(name):
        if name not in memo:
            memo[name] = set()
            for inp in nodes[name].input:
                producer = _node_name(inp)
                memo[name] |= {producer} | cone(producer)
        return memo[name]
    return {name: sum(nodes[m].op not in ("Placeholder", "Const")
                      for m in cone(name)) for name in nodes}


def candidates(case):
    """Smaller cases, the biggest cuts first (a generator: built lazily)."""
    ops = [n for n in case.graph_def.node if n.op not in ("Placeholder", "Const")]
    fetched = {o.node for o in case.outputs}
    uses_other_outputs = set()
    for n in case.graph_def.node:
        for inp in n.input:
            if not inp.startswith("^") and _output_index(inp) > 0:
                uses_other_outputs.add(_node_name(inp))
    try:
        values = node_values(case, [n.name for n in case.graph_def.node])
    except Exception:  # noqa: BLE001 - TensorFlow errors of every kind
        return
    if len(case.outputs) > 1:
        for out in case.outputs:
            yield f"drop fetch {out.name}", lambda o=out: prune(replace(
                case, outputs=[p for p in case.outputs if p is not o]))
    # Fetch a fetched node's input instead: the chain's tail goes.
    nodes = {n.name: n for n in case.graph_def.node}
    for j, out in enumerate(case.outputs):
        node = nodes[out.node]
        for inp in node.input:
            if inp.startswith("^") or nodes[_node_name(inp)].op in (
                    "Const", "Placeholder"):
                continue
            tensor = inp if ":" in inp else f"{inp}:0"
            yield f"fetch {tensor} for {out.name}", lambda j=j, t=tensor: prune(
                replace(case, outputs=[common.Output(o.name, t) if i == j else o
                                       for i, o in enumerate(case.outputs)]))
    sizes = upstream_sizes(case)
    by_cone = sorted(ops, key=lambda n: -sizes[n.name])
    for node in by_cone:
        if node.name in fetched or node.name in uses_other_outputs:
            continue
        yield f"cut {node.name} ({node.op})", lambda n=node: cut(
            case, n, values[n.name])
    for node in reversed(ops):
        if node.name in uses_other_outputs:
            continue
        for inp in node.input:
            if inp.startswith("^"):
                continue
            src = _node_name(inp)
            src_value = values.get(src) if _output_index(inp) == 0 else None
            if (src_value is not None and src_value.shape == values[node.name].shape
                    and src_value.dtype == values[node.name].dtype):
                yield f"bypass {node.name} ({node.op})", lambda n=node, s=inp: bypass(
                    case, n, s)
                break
    for node in by_cone:
        if node.name in fetched or node.name in uses_other_outputs:
            continue
        yield f"freeze {node.name} ({node.op})", lambda n=node: freeze(
            case, n, values[n.name])


def shrink(case, verdict_of, target, failing_outputs=(), budget_checks=150,
           budget_seconds=240, log=lambda text: None):
    """The smallest case found whose verdict_of(case) == target.

    `verdict_of` returns a comparable verdict, or None when the case is not
    usable (TensorFlow fails on it, an output is not finite).
    """
    start = time.monotonic()
    checks = 0

    def holds(smaller):
        nonlocal checks
        checks += 1
        return smaller is not None and verdict_of(smaller) == target

    def out_of_budget():
        return checks >= budget_checks or time.monotonic() - start > budget_seconds

    # One failing fetch is enough.
    if len(case.outputs) > 1:
        for name in list(failing_outputs) + [o.name for o in case.outputs]:
            kept = [o for o in case.outputs if o.name == name]
            if kept and holds(prune(replace(case, outputs=kept))):
                case = prune(replace(case, outputs=kept))
                log(f"kept fetch {name}")
                break
    progress = True
    tried = set()     # proposals that failed since the last full retry
    changed = False   # whether a proposal was kept since then
    while progress and not out_of_budget():
        progress = False
        for what, make in candidates(case):
            if out_of_budget():
                break
            if what in tried:
                continue
            try:
                smaller = make()
            except Exception:  # noqa: BLE001 - a proposal TF cannot express
                smaller = None
            if smaller is not None and _size(smaller) < _size(case) and holds(smaller):
                log(f"{what}: {smaller.ops()} ops")
                case = smaller
                progress = changed = True
                break
            tried.add(what)
        if not progress and changed:
            # Proposals refused earlier may work on the smaller graph.
            tried.clear()
            progress, changed = True, False
    return case, checks


def _size(case):
    """What shrinking minimizes: ops first, then fetches, then feeds."""
    return (case.ops(), len(case.outputs), len(case.inputs))


def signature(case, verdict, error=""):
    """What identifies a bug: the verdict, and the (normalized) compile error
    or crash site when there is one, else the minimal graph's op types."""
    if error:
        return f"{verdict}: {error}"
    ops = sorted({n.op for n in case.graph_def.node} - {"Placeholder", "Const"})
    return f"{verdict}: {' '.join(ops)}"


def _json_values(array):
    flat = array.reshape(-1)
    if array.dtype.kind == "f":
        return [float(v) for v in flat]  # float32 -> float64 is exact
    if array.dtype.kind == "b":
        return [bool(v) for v in flat]
    return [int(v) for v in flat]


def write_regression(directory, name, case, header, sig):
    """Write <name>.pbtxt, <name>.config.pbtxt and <name>.data.json."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    model = case.model()
    graph_bytes = case.graph_def.SerializeToString(deterministic=True)
    feeds = feeds_of(case)
    expected = common.run_tensorflow(graph_bytes, feeds,
                                     [o.tensor for o in model.outputs],
                                     grappler=False)
    data = {
        "signature": sig,
        "batch": case.batch,
        "ops": common.graph_ops(case.graph_def),
        "tensorflow": tf.__version__,
        "args": [{"name": i.name, "dtype": case.values[i.name].dtype.name,
                  "shape": list(case.values[i.name].shape),
                  "values": _json_values(case.values[i.name])}
                 for i in case.inputs],
        "results": [{"name": o.name, "node": o.tensor, "dtype": v.dtype.name,
                     "shape": list(v.shape), "values": _json_values(v)}
                    for o, v in zip(model.outputs, expected)],
    }
    (directory / f"{name}.pbtxt").write_text(common.graph_def_text(
        case.graph_def, header))
    (directory / f"{name}.config.pbtxt").write_text(common.config_text(
        model, case.batch, f"Feeds and fetches of {name}.pbtxt."))
    (directory / f"{name}.data.json").write_text(json.dumps(data) + "\n")


def existing_signatures(directory):
    """{signature: case name} of the regressions already in `directory`."""
    found = {}
    for path in sorted(Path(directory).glob("*.data.json")):
        try:
            found[json.loads(path.read_text())["signature"]] = path.name[:-len(
                ".data.json")]
        except (OSError, ValueError, KeyError):
            continue
    return found
