"""Prints scripts/layer-bench.py's parsing and ratios for fixed inputs
(layer-bench.test)."""

import importlib.util
import pathlib
import sys

path = pathlib.Path(sys.argv[1]) / "layer-bench.py"
loader = importlib.util.spec_from_file_location("layer_bench", path)
layer_bench = importlib.util.module_from_spec(loader)
loader.loader.exec_module(layer_bench)  # standard library only at import

for text in ("conv:224:224:3:16:3:2", "dw:14:14:256:0:3:1",
             "pwdw:112:112:16:32:3:2:relu"):
    spec = layer_bench.LayerSpec(text)
    print(text, spec.kind, spec.input_shape, spec.out, spec.k, spec.s,
          spec.activation)
for text in ("conv:1:2", "pool:8:8:8:8:3:1", "conv:8:8:x:8:3:1",
             "conv:8:8:8:8:3:1:gelu", "dw:8:0:8:8:3:1"):
    try:
        layer_bench.LayerSpec(text)
        print(text, "accepted")
    except ValueError as error:
        print("error:", error)

# Block minima: tfc's block over the same block's LiteRT one.
tfc = [[1.0, 1.2], [2.0, 1.5], [1.1, 3.0]]
litert = [[2.0, 2.5], [1.5, 3.0], [1.1, 1.0]]
print("ratios:", [round(r, 6) for r in layer_bench.block_ratios(tfc, litert)])
print("three:", layer_bench.summary([0.5, 1.0, 1.1]))
print("six:", layer_bench.summary([1.2, 0.9, 1.0, 1.1, 0.8, 1.05]))
