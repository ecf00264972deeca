#!/usr/bin/env python3
"""Compare a compiled model's raw outputs with TensorFlow's expected outputs.

    compare.py MODEL_DIR OUT0.bin [OUT1.bin ...]

MODEL_DIR is a directory written by models/generate.py; its manifest.json
names, in fetch order, each result's dtype, shape and expected file. The
OUT files are the compiled model's results in the same order, raw
little-endian and C order. Tolerances come from tolerances.py. Prints one line
per result (max abs err, max rel err, PASS/FAIL) and exits 1 on any mismatch,
including a wrong file size or file count. run_model.py uses it as a module.

Max rel err is |actual - expected| / |expected| over the elements whose
expected value is not zero; it is reported, the pass rule is tolerances.py's.
Needs only NumPy.
"""

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tolerances  # noqa: E402


def numpy_dtype(dtype):
    """The NumPy dtype that holds a manifest dtype's raw bytes."""
    return np.dtype("<u2") if dtype == "bfloat16" else np.dtype(dtype).newbyteorder("<")


def load_raw(path, dtype, shape):
    """Read a raw tensor file; ValueError when its size does not fit `shape`."""
    raw_dtype = numpy_dtype(dtype)
    expected_bytes = int(np.prod(shape, dtype=np.int64)) * raw_dtype.itemsize
    size = Path(path).stat().st_size
    if size != expected_bytes:
        raise ValueError(f"{path}: {size} bytes, but {dtype}{list(shape)} "
                         f"needs {expected_bytes}")
    values = np.fromfile(path, dtype=raw_dtype).reshape(shape)
    if dtype == "bfloat16":  # Widen to float32: bfloat16 is its top half.
        values = (values.astype(np.uint32) << 16).view(np.float32)
    return values


@dataclass
class Comparison:
    """The verdict on one result."""
    name: str
    ok: bool
    max_abs: float = float("nan")
    max_rel: float = float("nan")
    tolerance: tolerances.Tolerance = None
    detail: str = ""

    def line(self):
        verdict = "PASS" if self.ok else "FAIL"
        if self.tolerance is None:
            return f"{self.name}: {self.detail} {verdict}"
        bound = ("exact" if self.tolerance.exact else
                 f"atol {self.tolerance.atol:g}, rtol {self.tolerance.rtol:g}")
        text = (f"{self.name}: max abs err {self.max_abs:.3g}, max rel err "
                f"{self.max_rel:.3g} ({bound}) {verdict}")
        return f"{text}; {self.detail}" if self.detail else text


def compare_arrays(name, expected, actual, tolerance):
    """Compare two arrays of the same shape under `tolerance`."""
    if expected.shape != actual.shape:
        return Comparison(name, False, detail=f"shape {list(actual.shape)}, "
                          f"expected {list(expected.shape)}")
    e = expected.astype(np.float64)
    a = actual.astype(np.float64)
    if expected.dtype.kind in "fc":
        same = (a == e) | (np.isnan(a) & np.isnan(e))
    else:
        same = expected == actual
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(same, 0.0, np.abs(a - e))
        err = np.where(np.isnan(err), np.inf, err)  # NaN vs number, inf - inf
        allowed = tolerance.atol + tolerance.rtol * np.abs(e)
        ok_elems = same | (err <= allowed)
        nonzero = e != 0
        rel = err[nonzero] / np.abs(e[nonzero])
    result = Comparison(
        name, bool(np.all(ok_elems)),
        max_abs=float(err.max()) if err.size else 0.0,
        max_rel=float(rel.max()) if rel.size else 0.0,
        tolerance=tolerance)
    if not result.ok:
        bad = np.argwhere(~ok_elems)
        with np.errstate(invalid="ignore"):
            worst = np.unravel_index(np.argmax(np.where(ok_elems, -np.inf,
                                                        err - allowed)), e.shape)
        result.detail = (f"{len(bad)} of {e.size} elements differ, worst at "
                         f"{list(map(int, worst))}: actual {_show(actual[worst])}, "
                         f"expected {_show(expected[worst])}")
    return result


def _show(value):
    """One element, with float32's 9 significant digits."""
    return f"{float(value):.9g}" if value.dtype.kind in "fc" else str(value.item())


def load_manifest(model_dir):
    return json.loads((Path(model_dir) / "manifest.json").read_text())


def compare_outputs(model_dir, actual_files, manifest=None):
    """Compare the files of one run with the expected results of model_dir."""
    model_dir = Path(model_dir)
    manifest = manifest or load_manifest(model_dir)
    results = manifest["results"]
    if len(actual_files) != len(results):
        return [Comparison("outputs", False, detail=f"{len(actual_files)} "
                           f"files given, the model has {len(results)} results")]
    ops = manifest.get("ops", ())
    comparisons = []
    for spec, path in zip(results, actual_files):
        shape = tuple(spec["shape"])
        expected = load_raw(model_dir / spec["file"], spec["dtype"], shape)
        try:
            actual = load_raw(path, spec["dtype"], shape)
        except (OSError, ValueError) as error:
            comparisons.append(Comparison(spec["name"], False, detail=str(error)))
            continue
        comparisons.append(compare_arrays(
            spec["name"], expected, actual,
            tolerances.tolerance_for(spec["dtype"], ops)))
    return comparisons


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir", type=Path,
                        help="directory written by models/generate.py")
    parser.add_argument("outputs", nargs="*", type=Path,
                        help="raw result files, in the manifest's order")
    args = parser.parse_args(argv)
    comparisons = compare_outputs(args.model_dir, args.outputs)
    for comparison in comparisons:
        print(comparison.line())
    return 0 if all(c.ok for c in comparisons) else 1


if __name__ == "__main__":
    sys.exit(main())
