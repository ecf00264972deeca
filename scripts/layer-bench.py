#!/usr/bin/env python3
"""Times one-layer graphs in tfc and in LiteRT, taking turns.

Each LAYER is a graph of one convolution that TensorFlow builds (random
weights, SAME padding, bias and an activation); every tfc-compile given
compiles it, LiteRT converts it (XNNPACK, one thread), and the engines take
turns for --rounds blocks of --runs runs (tfc through bench_driver --serve).
For each engine it prints the minimum over all runs, and for each tfc build
the median over blocks of (its block minimum / LiteRT's block minimum),
with a 95% interval when there are six blocks or more. One layer alone shows
a few percent that whole models hide in their noise; it misses what a layer
costs in the model (its input coming from memory, fusion with its
neighbours), so check a change in the model too (benchmarks/kernel_times.c).

  .venv-bench/bin/python scripts/layer-bench.py [--tfc-compile A \\
      [--tfc-compile B ...]] [--rounds 10] [--runs 40] LAYER ...

LAYER is KIND:H:W:C:OUT:K:S[:ACT], at batch 1:
  conv   a KxK convolution of stride S, C -> OUT channels
  dw     a KxK depthwise convolution of stride S (OUT is ignored)
  pwdw   a 1x1 convolution C -> OUT, then a KxK depthwise one of stride S
ACT is relu6 (the default), relu or none.

  conv:224:224:3:16:3:2   dw:14:14:256:0:3:1   pwdw:112:112:16:32:3:2:relu
"""

import argparse
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
import bench  # noqa: E402  (standard library only at import)

KINDS = ("conv", "dw", "pwdw")
ACTIVATIONS = ("relu6", "relu", "none")


class LayerSpec:
    """A parsed LAYER argument."""

    def __init__(self, text):
        parts = text.split(":")
        if len(parts) not in (7, 8) or parts[0] not in KINDS:
            raise ValueError(f"{text}: expected KIND:H:W:C:OUT:K:S[:ACT] "
                             f"with KIND one of {', '.join(KINDS)}")
        try:
            numbers = [int(p) for p in parts[1:7]]
        except ValueError:
            raise ValueError(f"{text}: H, W, C, OUT, K and S must be integers")
        self.kind = parts[0]
        self.h, self.w, self.c, self.out, self.k, self.s = numbers
        self.activation = parts[7] if len(parts) == 8 else "relu6"
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"{text}: ACT must be one of "
                             f"{', '.join(ACTIVATIONS)}")
        if self.kind == "dw":
            self.out = self.c
        if min(self.h, self.w, self.c, self.out, self.k, self.s) < 1:
            raise ValueError(f"{text}: sizes must be positive")
        self.text = text

    @property
    def input_shape(self):
        return (1, self.h, self.w, self.c)


def block_ratios(tfc_blocks, litert_blocks):
    """Each block's tfc minimum over the same block's LiteRT minimum."""
    return [min(t) / min(l) for t, l in zip(tfc_blocks, litert_blocks)]


def summary(ratios):
    """The median ratio, and its 95% interval from six blocks on."""
    ordered = sorted(ratios)
    text = f"{statistics.median(ordered):.3f}"
    interval = bench.median_interval(ordered)
    if interval is not None:
        text += f" ({interval[0]:.3f}-{interval[1]:.3f})"
    return text


def build_graph(spec, tf, np):
    rng = np.random.default_rng(0)
    graph = tf.Graph()
    with graph.as_default():
        x = tf.compat.v1.placeholder(tf.float32, spec.input_shape, name="x")

        def activation(t):
            return {"relu6": tf.nn.relu6, "relu": tf.nn.relu,
                    "none": lambda v: v}[spec.activation](t)

        def bias(channels):
            return tf.constant(rng.standard_normal(channels).astype("float32"))

        y, channels = x, spec.c
        if spec.kind in ("conv", "pwdw"):
            k, s = (spec.k, spec.s) if spec.kind == "conv" else (1, 1)
            w = rng.standard_normal((k, k, channels, spec.out)) * 0.1
            y = tf.nn.conv2d(y, tf.constant(w.astype("float32")),
                             [1, s, s, 1], "SAME")
            y = activation(tf.nn.bias_add(y, bias(spec.out)))
            channels = spec.out
        if spec.kind in ("dw", "pwdw"):
            w = rng.standard_normal((spec.k, spec.k, channels, 1)) * 0.1
            y = tf.nn.depthwise_conv2d(y, tf.constant(w.astype("float32")),
                                       [1, spec.s, spec.s, 1], "SAME")
            y = activation(tf.nn.bias_add(y, bias(channels)))
        tf.identity(y, name="out")
    return graph.as_graph_def()


def tfc_driver(compiler, work, spec, cc):
    """Compiles the layer with one tfc-compile; returns a serving driver."""
    work.mkdir(parents=True, exist_ok=True)
    bench.run([compiler, "--graph", work.parent / "model.pb", "--config",
               work.parent / "config.pbtxt", "--out_header", work / "model.h",
               "--out_library", work / "libmodel.a", "--model_name", "model"],
              f"tfc-compile {spec.text}")
    bench.run([cc, "-std=c11", "-O2", f"-I{work}", f"-I{REPO / 'test' / 'e2e'}",
               '-DTFC_MODEL_HEADER="model.h"', "-DTFC_MODEL_PREFIX=model",
               "-DTFC_MODEL_PREFIX_UPPER=MODEL",
               REPO / "benchmarks" / "bench_driver.c", work / "libmodel.a",
               "-o", work / "bench_driver", "-lm", "-lpthread"],
              "building bench_driver.c")
    driver = subprocess.Popen(
        [work / "bench_driver", "--serve", "--warmup", "20",
         work.parent / "input.bin"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    if driver.stdout.readline().strip() != "ready":
        raise RuntimeError(f"bench_driver did not start for {spec.text}")
    return driver


def serve(driver, runs):
    driver.stdin.write(f"{runs}\n")
    driver.stdin.flush()
    return [float(v) for v in driver.stdout.readline().split()]


def measure(spec, opts, work, tf, np, interpreter_class):
    work.mkdir(parents=True, exist_ok=True)
    graph_def = build_graph(spec, tf, np)
    (work / "model.pb").write_bytes(graph_def.SerializeToString())
    dims = " ".join(f"dim {{ size: {d} }}" for d in spec.input_shape)
    (work / "config.pbtxt").write_text(
        f'feed {{ id {{ node_name: "x" }} shape {{ {dims} }} name: "x" }}\n'
        'fetch { id { node_name: "out" } name: "out" }\n')
    image = np.random.default_rng(1).standard_normal(spec.input_shape)
    image = image.astype("float32")
    image.tofile(work / "input.bin")
    drivers = [tfc_driver(c, work / f"tfc{i}", spec, opts.cc)
               for i, c in enumerate(opts.tfc_compile)]
    converter = tf.compat.v1.lite.TFLiteConverter.from_frozen_graph(
        str(work / "model.pb"), ["x"], ["out"],
        input_shapes={"x": list(spec.input_shape)})
    interpreter = interpreter_class(model_content=converter.convert(),
                                    num_threads=1)
    interpreter.allocate_tensors()
    interpreter.set_tensor(interpreter.get_input_details()[0]["index"], image)
    for _ in range(20):
        interpreter.invoke()
    tfc_blocks = [[] for _ in drivers]
    litert_blocks = []
    for _ in range(opts.rounds):
        for i, driver in enumerate(drivers):
            tfc_blocks[i].append(serve(driver, opts.runs))
        times = []
        for _ in range(opts.runs):
            start = time.perf_counter()
            interpreter.invoke()
            times.append((time.perf_counter() - start) * 1e3)
        litert_blocks.append(times)
    for driver in drivers:
        driver.stdin.close()
        driver.wait()
    line = [spec.text]
    for i, blocks in enumerate(tfc_blocks):
        line.append(f"tfc{i} {min(min(b) for b in blocks):.4f} ms")
    line.append(f"LiteRT {min(min(b) for b in litert_blocks):.4f} ms")
    for i, blocks in enumerate(tfc_blocks):
        line.append(f"tfc{i}/LiteRT "
                    f"{summary(block_ratios(blocks, litert_blocks))}")
    return " | ".join(line)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("layers", nargs="+", metavar="LAYER")
    parser.add_argument("--tfc-compile", action="append", type=pathlib.Path,
                        help="a tfc-compile binary; repeat it to compare "
                        "builds (tfc0, tfc1, ... in that order; default "
                        "build/bin/tfc-compile)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--cc", default="cc")
    parser.add_argument("--work", type=pathlib.Path, default=None,
                        help="keep the graphs and builds here")
    opts = parser.parse_args(argv)
    try:
        opts.specs = [LayerSpec(text) for text in opts.layers]
    except ValueError as error:
        parser.error(str(error))
    if not opts.tfc_compile:
        opts.tfc_compile = [REPO / "build" / "bin" / "tfc-compile"]
    if opts.rounds < 1 or opts.runs < 1:
        parser.error("--rounds and --runs must be at least 1")
    for compiler in opts.tfc_compile:
        if not compiler.is_file():
            parser.error(f"no tfc-compile at {compiler}")
    return opts


def main(argv=None):
    opts = parse_args(sys.argv[1:] if argv is None else argv)
    import numpy as np
    import tensorflow as tf
    tf.get_logger().setLevel("ERROR")
    from ai_edge_litert.interpreter import Interpreter
    with tempfile.TemporaryDirectory() as scratch:
        root = opts.work or pathlib.Path(scratch)
        for spec in opts.specs:
            work = root / spec.text.replace(":", "_")
            print(measure(spec, opts, work, tf, np, Interpreter), flush=True)


if __name__ == "__main__":
    main()
