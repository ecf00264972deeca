#!/usr/bin/env python3
"""Generate a seed model and TensorFlow's reference outputs for it.

    generate.py NAME --out DIR [--batch N] [--seed S] [--force]
    generate.py NAME --text-out PATH.pbtxt [--batch N]
    generate.py --list

--out writes DIR/model.pb (frozen GraphDef), DIR/config.pbtxt (tf2xla.Config
with static feed shapes), DIR/inputs/arg<i>.bin, DIR/expected/result<j>.bin
(raw little-endian, C order) and DIR/manifest.json describing them; see
models/README.md. The work is skipped when DIR/manifest.json already holds the
same generator hash (sources of this script, the helper modules of
tfc_models (common.py, keras_common.py) and the model's module, the
arguments, and the TensorFlow and NumPy versions).

--text-out writes the GraphDef in text format and a config.pbtxt beside it,
for small graphs committed to the repository (models/linear/).

Weights and inputs come from two independent streams spawned from
numpy.random.SeedSequence(seed); nothing is downloaded.
"""

import argparse
import hashlib
import importlib
import importlib.metadata
import json
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve()
sys.path.insert(0, str(SCRIPT.parent))

import tfc_models  # noqa: E402  (does not import TensorFlow)


def camel_case(name):
    """linear_regression -> LinearRegression (the C++ class name)."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _version(*distributions):
    for dist in distributions:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    return "none"


def generator_hash(name, batch, seed):
    """The cache key of one generated model directory."""
    digest = hashlib.sha256()
    parts = [SCRIPT.read_bytes(),
             *(path.read_bytes() for path in tfc_models.helper_sources()),
             tfc_models.model_source(name).read_bytes(),
             json.dumps({"model": name, "batch": batch, "seed": seed,
                         "tensorflow": _version("tensorflow-cpu", "tensorflow"),
                         "numpy": _version("numpy")}, sort_keys=True).encode()]
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


def up_to_date(out_dir, key):
    """Whether out_dir holds a complete generation with cache key `key`."""
    manifest_path = out_dir / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError):
        return False
    if manifest.get("generator_hash") != key:
        return False
    files = ["model.pb", "config.pbtxt"] + [
        t["file"] for t in manifest["args"] + manifest["results"]]
    return all((out_dir / f).is_file() for f in files)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generate a frozen TensorFlow model, inputs and "
        "TensorFlow's reference outputs for tfc's end-to-end tests.")
    parser.add_argument("name", nargs="?", help="model to generate (see --list)")
    parser.add_argument("--out", type=Path, help="directory to write into")
    parser.add_argument("--batch", type=int, default=1,
                        help="static batch size of the feeds (default 1)")
    parser.add_argument("--seed", type=int, default=0,
                        help="seed of weights and inputs (default 0)")
    parser.add_argument("--text-out", type=Path,
                        help="also write the GraphDef as text to this file, "
                        "and config.pbtxt beside it")
    parser.add_argument("--force", action="store_true",
                        help="regenerate even when --out is up to date")
    parser.add_argument("--list", action="store_true", help="list the models")
    args = parser.parse_args(argv)
    if args.list:
        return args
    if args.name not in tfc_models.model_names():
        parser.error(f"unknown model {args.name!r}; models: "
                     f"{', '.join(tfc_models.model_names())}")
    if args.out is None and args.text_out is None:
        parser.error("give --out DIR and/or --text-out FILE")
    if args.batch < 1 or args.seed < 0:
        parser.error("--batch must be >= 1 and --seed >= 0")
    return args


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        print("\n".join(tfc_models.model_names()))
        return 0

    key = generator_hash(args.name, args.batch, args.seed)
    if args.out is not None and args.text_out is None and not args.force \
            and up_to_date(args.out, key):
        print(f"generate: {args.name} is up to date in {args.out}")
        return 0

    # TensorFlow is imported only now that there is work to do.
    import numpy as np
    from tfc_models import common
    module = importlib.import_module(f"tfc_models.{args.name}")

    weights_seed, inputs_seed = np.random.SeedSequence(args.seed).spawn(2)
    model = module.build(args.batch, np.random.default_rng(weights_seed))
    common.check_ops(args.name, model.graph_def, module.ALLOWED_OPS)
    ops = common.graph_ops(model.graph_def)

    if args.text_out is not None:
        summary = (module.__doc__ or args.name).strip().splitlines()[0]
        header = (f"{summary}\nGenerated by models/generate.py {args.name} "
                  f"--batch {args.batch} --text-out {args.text_out.name}")
        args.text_out.parent.mkdir(parents=True, exist_ok=True)
        args.text_out.write_text(common.graph_def_text(model.graph_def, header))
        (args.text_out.parent / "config.pbtxt").write_text(
            common.config_text(model, args.batch, header))
        print(f"generate: wrote {args.text_out} and config.pbtxt beside it")

    if args.out is not None:
        common.write_model(
            args.name, model, args.out, batch=args.batch, seed=args.seed,
            inputs_rng=np.random.default_rng(inputs_seed),
            extra={"class_name": camel_case(args.name), "generator_hash": key})
        print(f"generate: wrote {args.name} (batch {args.batch}, seed "
              f"{args.seed}) to {args.out}; ops: {' '.join(ops)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
