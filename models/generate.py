#!/usr/bin/env python3
"""Generate a seed model and TensorFlow's reference outputs for it.

    generate.py NAME --out DIR [--batch N] [--seed S] [--force] [--cache DIR]
    generate.py NAME [NAME ...] --cache DIR [--batch N] [--seed S]
    generate.py NAME --text-out PATH.pbtxt [--batch N]
    generate.py --list

--out writes DIR/model.pb (frozen GraphDef), DIR/config.pbtxt (tf2xla.Config
with static feed shapes), DIR/inputs/arg<i>.bin, DIR/expected/result<j>.bin
(raw little-endian, C order) and DIR/manifest.json describing them; see
models/README.md. The work is skipped when DIR/manifest.json already holds the
same generator hash (sources of this script, the helper modules of
tfc_models (common.py, keras_common.py) and the model's module, the
arguments, and the TensorFlow and NumPy versions).

--cache DIR (default: $TFC_MODEL_CACHE, which the test suite sets to a folder
of the build tree) keeps one generation of each model, batch and seed in
DIR/NAME-bBATCH-sSEED, made once under a lock (so concurrent tests wait for
it instead of making it twice) and copied to --out. TensorFlow takes seconds
just to import, so the test suite fills its cache in one process first
(test/e2e/pregenerate.py) and each test then only copies.

--text-out writes the GraphDef in text format and a config.pbtxt beside it,
for small graphs committed to the repository (models/linear/).

Weights and inputs come from two independent streams spawned from
numpy.random.SeedSequence(seed); nothing is downloaded.
"""

import argparse
import fcntl
import hashlib
import importlib
import importlib.metadata
import json
import os
import shutil
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
    return all((out_dir / f).is_file() for f in model_files(manifest))


def model_files(manifest):
    """The files of a generated model directory besides manifest.json."""
    return ["model.pb", "config.pbtxt"] + [
        t["file"] for t in manifest["args"] + manifest["results"]]


def cached(name, batch, seed, cache, force=False):
    """cache/NAME-bBATCH-sSEED, generated first unless it is up to date."""
    entry = cache / f"{name}-b{batch}-s{seed}"
    key = generator_hash(name, batch, seed)
    cache.mkdir(parents=True, exist_ok=True)
    with open(cache / f"{entry.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if force or not up_to_date(entry, key):
            generate(name, batch, seed, key, out=entry)
    return entry


def copy_model(source, out):
    """Copy a generated model directory, manifest.json last."""
    manifest = source / "manifest.json"
    (out / "manifest.json").unlink(missing_ok=True)
    for name in model_files(json.loads(manifest.read_text())):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source / name, out / name)
    shutil.copyfile(manifest, out / "manifest.json")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Generate a frozen TensorFlow model, inputs and "
        "TensorFlow's reference outputs for tfc's end-to-end tests.")
    parser.add_argument("names", nargs="*", metavar="name",
                        help="model to generate (see --list); several only "
                        "with --cache and neither --out nor --text-out")
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
    parser.add_argument("--cache", type=Path,
                        default=os.environ.get("TFC_MODEL_CACHE") or None,
                        help="generate into this cache folder, once, and copy "
                        "to --out (default: $TFC_MODEL_CACHE)")
    parser.add_argument("--list", action="store_true", help="list the models")
    args = parser.parse_args(argv)
    if args.list:
        return args
    if not args.names:
        parser.error("name a model (see --list)")
    for name in args.names:
        if name not in tfc_models.model_names():
            parser.error(f"unknown model {name!r}; models: "
                         f"{', '.join(tfc_models.model_names())}")
    if args.out is None and args.text_out is None and args.cache is None:
        parser.error("give --out DIR, --text-out FILE or --cache DIR")
    if len(args.names) > 1 and (args.out or args.text_out):
        parser.error("several models only fill --cache: drop --out and "
                     "--text-out")
    if args.text_out is not None:
        args.cache = None  # a text graph is always made afresh
    if args.batch < 1 or args.seed < 0:
        parser.error("--batch must be >= 1 and --seed >= 0")
    return args


def generate(name, batch, seed, key, out=None, text_out=None):
    """Build model `name` with TensorFlow; write it to `out` and/or `text_out`."""
    # TensorFlow is imported only now that there is work to do.
    import numpy as np
    import tensorflow as tf
    from tfc_models import common
    module = importlib.import_module(f"tfc_models.{name}")
    # Keras numbers default names per process ("functional_1"); a fresh
    # session keeps a model's node names the same whichever models were built
    # before it in this process (test/e2e/pregenerate.py builds many).
    tf.keras.backend.clear_session()

    weights_seed, inputs_seed = np.random.SeedSequence(seed).spawn(2)
    model = module.build(batch, np.random.default_rng(weights_seed))
    common.check_ops(name, model.graph_def, module.ALLOWED_OPS)
    ops = common.graph_ops(model.graph_def)

    if text_out is not None:
        summary = (module.__doc__ or name).strip().splitlines()[0]
        header = (f"{summary}\nGenerated by models/generate.py {name} "
                  f"--batch {batch} --text-out {text_out.name}")
        text_out.parent.mkdir(parents=True, exist_ok=True)
        text_out.write_text(common.graph_def_text(model.graph_def, header))
        (text_out.parent / "config.pbtxt").write_text(
            common.config_text(model, batch, header))
        print(f"generate: wrote {text_out} and config.pbtxt beside it")

    if out is not None:
        common.write_model(
            name, model, out, batch=batch, seed=seed,
            inputs_rng=np.random.default_rng(inputs_seed),
            extra={"class_name": camel_case(name), "generator_hash": key})
        print(f"generate: wrote {name} (batch {batch}, seed {seed}) to {out}; "
              f"ops: {' '.join(ops)}")


def main(argv=None):
    args = parse_args(argv)
    if args.list:
        print("\n".join(tfc_models.model_names()))
        return 0

    if args.cache is not None:
        for name in args.names:
            entry = cached(name, args.batch, args.seed, args.cache, args.force)
            label = f"{name} (batch {args.batch}, seed {args.seed})"
            if args.out is None:
                print(f"generate: {label} is ready in {entry}")
            else:
                copy_model(entry, args.out)
                print(f"generate: copied {label} to {args.out} from {entry}")
        return 0

    name = args.names[0]
    key = generator_hash(name, args.batch, args.seed)
    if args.out is not None and args.text_out is None and not args.force \
            and up_to_date(args.out, key):
        print(f"generate: {name} is up to date in {args.out}")
        return 0
    generate(name, args.batch, args.seed, key, out=args.out,
             text_out=args.text_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
