#!/usr/bin/env python3
"""Builds the graphs of tfcompile's own test suite with TensorFlow 2.21.

TensorFlow's tensorflow/compiler/aot/tests builds 14 small graphs
(make_test_graphs.py) and compiles them with tf_library; this script builds
graphs with the same nodes, names and ops, written for TensorFlow 2.21's
compat.v1 graph API, into OUT_DIR/test_graph_<name>.pb. What 2.21 requires
and what tf_library does is adapted, nothing else:

- tfadd_with_ckpt and tfadd_with_ckpt_saver: tf_library freezes these with
  their checkpoint (freeze_checkpoint) before compiling; here the variable is
  set to 42 in a session and the graph frozen from it directly, which gives
  the graph tf_library compiles.
- Control flow v2 is enabled as in the original (cond becomes If).

    make_graphs.py OUT_DIR [NAME ...]
    make_graphs.py --oracle OUT_DIR   TensorFlow's results for the variable
                                      graphs (see oracle())
"""

import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as tf  # noqa: E402

v1 = tf.compat.v1


def tfadd():
    x = tf.constant([1], name="x_const")
    y = tf.constant([2], name="y_const")
    tf.add(x, y, name="x_y_sum")


def _frozen_add_with_variable(graph):
    x = v1.placeholder(tf.int32, name="x_hold")
    y = v1.Variable(tf.constant([0]), name="y_saved", use_resource=False)
    tf.add(x, y, name="x_y_sum")
    with v1.Session(graph=graph) as session:
        session.run(v1.global_variables_initializer())
        session.run(y.assign(y + 42))
        return v1.graph_util.convert_variables_to_constants(
            session, graph.as_graph_def(), ["x_y_sum"])


def tfadd_with_ckpt(graph):
    return _frozen_add_with_variable(graph)


def tfadd_with_ckpt_saver(graph):
    return _frozen_add_with_variable(graph)


def tfassert_eq():
    x = v1.placeholder(tf.int32, name="x_hold")
    y = v1.placeholder(tf.int32, name="y_hold")
    assert_op = tf.debugging.Assert(tf.equal(x, y), ["Expected x == y."],
                                    name="assert_eq")
    assert_op.mark_used()
    tf.add(x, tf.negative(y), name="x_y_diff")


def tfcond():
    p = v1.placeholder(tf.bool, name="p_hold")
    x = v1.placeholder(tf.int32, name="x_hold")
    y = v1.placeholder(tf.int32, name="y_hold")
    z = v1.cond(p, lambda: x, lambda: y)
    tf.identity(z, name="result")


def tfgather():
    params = v1.placeholder(tf.float32, name="params")
    indices = v1.placeholder(tf.int32, name="indices")
    tf.gather(params, indices, name="gather_output")


def tfmatmul():
    x = v1.placeholder(tf.float32, name="x_hold")
    y = v1.placeholder(tf.float32, name="y_hold")
    tf.matmul(x, y, name="x_y_prod")


def tfmatmulandadd():
    x = v1.placeholder(tf.float32, name="x_hold")
    y = v1.placeholder(tf.float32, name="y_hold")
    tf.matmul(x, y, name="x_y_prod")
    tf.add(x, y, name="x_y_sum")


def tffunction():
    from tensorflow.python.framework import function  # the Defun API

    @function.Defun(tf.int32, tf.int32)
    def test_func(a, b):
        return a + b

    x = tf.constant([1], name="x_const")
    y = tf.constant([2], name="y_const")
    test_func(x, y, name="func_call")


def tfsplits():
    x = v1.placeholder(tf.float32, shape=[2, 2], name="x")
    y = v1.placeholder(tf.float32, shape=[2, 2], name="y")
    for _ in range(3):
        x0, x1 = tf.split(x, 2, 0)
        y0, y1 = tf.split(y, 2, 0)
        x0 += 1
        y0 += 1
        z = tf.matmul(x, y, name="x_y_prod")
        a = tf.concat([x0, y1], axis=0, name="concat_x0_y1")
        b = tf.concat([y0, x1], axis=0, name="concat_y0_x1")
        x = tf.matmul(a, b, name="a_b")
        y = tf.add(x, z)
    tf.identity(y, name="result")


def tftop_k():
    x = v1.placeholder(tf.int32, shape=[5], name="x")
    output = tf.math.top_k(x, 2, name="values")
    tf.identity(output[1], name="indices")


def tfvariable_readonly():
    x = v1.Variable(1000.0, name="x", use_resource=True)
    v1.Variable(1000.0, name="y", use_resource=True)
    old_x = x.value()
    with tf.control_dependencies([old_x]):
        new_value = tf.add(old_x, 42.0)
    tf.identity(new_value, name="result")


def tfvariable():
    x = v1.Variable([1000.0], name="x", shape=[1], use_resource=True)
    old_x = x.value()
    with tf.control_dependencies([old_x]):
        new_x = x.assign_add([42.0])
    tf.stack([old_x, new_x], name="result")


def tfvariable_sequential_updates():
    x = v1.Variable(1.0, name="x", use_resource=True)
    y = v1.Variable(1.0, name="y", use_resource=True)
    updates = tf.no_op()
    for _ in range(3):
        with tf.control_dependencies([updates]):
            x_val = x.read_value() + y
            updates = x.assign_sub(0.1 * x_val)
    tf.identity(updates, name="result")


GRAPHS = [tfadd, tfadd_with_ckpt, tfadd_with_ckpt_saver, tfassert_eq, tfcond,
          tffunction, tfgather, tfmatmul, tfmatmulandadd, tfsplits, tftop_k,
          tfvariable, tfvariable_readonly, tfvariable_sequential_updates]


def oracle(out_dir):
    """TensorFlow's own results for the variable graphs, run as
    tfcompile_test.cpp runs the compiled classes: from the same starting
    values, twice, the variables carried between the runs. Printed one line
    per value for FileCheck."""
    import numpy as np

    def run(name, start, fetch="result:0", runs=2):
        graph_def = tf.compat.v1.GraphDef()
        with open(os.path.join(out_dir, "test_graph_%s.pb" % name), "rb") as f:
            graph_def.ParseFromString(f.read())
        graph = tf.Graph()
        with graph.as_default():
            tf.graph_util.import_graph_def(graph_def, name="")
            with v1.Session(graph=graph) as session:
                for variable, value in start.items():
                    handle = graph.get_tensor_by_name(variable + ":0")
                    session.run(tf.raw_ops.AssignVariableOp(
                        resource=handle, value=np.asarray(value, np.float32)))
                for i in range(runs):
                    result = session.run(graph.get_tensor_by_name(fetch))
                    values = {v: session.run(tf.raw_ops.ReadVariableOp(
                        resource=graph.get_tensor_by_name(v + ":0"),
                        dtype=tf.float32)) for v in start}
                    print("%s run %d: result %s %s" % (
                        name, i + 1, np.array2string(np.ravel(result)),
                        " ".join("%s %.6g" % (v, float(np.ravel(x)[0]))
                                 for v, x in values.items())))

    run("tfvariable_readonly", {"x": 23.0}, runs=1)
    run("tfvariable", {"x": [23.0]})
    run("tfvariable_sequential_updates", {"x": 2.0, "y": 1.0})


def main(argv):
    if len(argv) >= 3 and argv[1] == "--oracle":
        v1.disable_eager_execution()
        return oracle(argv[2])
    if len(argv) < 2:
        sys.exit(__doc__)
    out_dir = argv[1]
    wanted = set(argv[2:])
    os.makedirs(out_dir, exist_ok=True)
    v1.disable_eager_execution()
    v1.enable_control_flow_v2()
    for build in GRAPHS:
        name = build.__name__
        if wanted and name not in wanted:
            continue
        graph = tf.Graph()
        with graph.as_default():
            if build.__code__.co_argcount:
                graph_def = build(graph)
            else:
                build()
                graph_def = graph.as_graph_def()
        path = os.path.join(out_dir, "test_graph_%s.pb" % name)
        with open(path, "wb") as f:
            f.write(graph_def.SerializeToString())


if __name__ == "__main__":
    main(sys.argv)
