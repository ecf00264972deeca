#!/usr/bin/env python3
"""TensorFlow's answer for examples/label_image, and the check against it.

    label_image_oracle.py prepare --model-dir DIR --out DIR [--seed S]
        [--width 300] [--height 260] [--input_mean 127.5] [--input_std 127.5]
        [--top 5] [--min-margin 1e-3] [--tries 16]
    label_image_oracle.py compare --expected TF.txt --actual OUT.txt
        --name NAME [--tolerance 1e-4] [--top 5]
    label_image_oracle.py check-inputs --label-image EXE --out DIR
        [--height 224] [--width 224] [--input_mean 127.5] [--input_std 127.5]

`prepare` draws a deterministic synthetic picture (smooth gradients, seeded
discs and rectangles, mild noise) at a size other than the model's, so that
the resize does real work, and writes into --out:

  image.png, image.jpg   the picture, encoded by tf.io.encode_png/encode_jpeg
  labels.txt             class_000, class_001, ... one per model score
  tf_png.txt, tf_jpg.txt TensorFlow's top --top for each file, in
                         label_image's format `label (index): score`

TensorFlow's answer runs the pipeline of TensorFlow's own label_image:
tf.io.decode_png / decode_jpeg(channels=3; JPEG with
dct_method='INTEGER_ACCURATE', the accurate integer IDCT label_image uses),
cast to float, tf.compat.v1.image.resize_bilinear(align_corners=False, the
legacy TF 1 sampling), (x - mean) / std, then the frozen GraphDef (model.pb,
feed and fetch from manifest.json) in a Session.

Random weights can leave the best two scores nearly equal, which would make
the top-1 check a coin toss between two correct implementations. So the
picture's seed is the first of --seed, --seed + 1, ... (--tries of them)
whose top-1 beats the top-2 by at least --min-margin for both files; if none
does, `prepare` fails loudly rather than write a flaky expectation.

`compare` reads label_image's output and TensorFlow's: the first label must be
TensorFlow's top-1, and every class in TensorFlow's top --top must be printed
with a score within --tolerance. It prints both lists side by side and one
`PASS NAME` or `FAIL NAME: why` line; it exits 1 on a mismatch.

`check-inputs` tests the pre-processing alone, exactly: EXE is label_image
built on label_image_dump_model.h, which writes the input tensor it is given
to $TFC_DUMP_INPUT. For the picture in many encodings (PNG: RGB, gray, gray +
alpha, RGBA, 16-bit, 4-bit palette with tRNS, 1-bit gray, Adam7-interlaced,
an upscale from a small picture; JPEG: 4:2:0, 4:4:4, progressive, gray) the
tensor must equal TensorFlow's bit for bit. One `PASS input FILE` or
`FAIL input FILE: why` line each; exits 1 on any failure.
"""

import argparse
import json
import os
import re
import struct
import sys
import zlib
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

LINE = re.compile(r"^(.*) \((\d+)\): (\S+)$")


def fail(message):
    print(f"label_image_oracle: {message}", file=sys.stderr)
    sys.exit(1)


# --- prepare -----------------------------------------------------------------


def synthetic_image(seed, height, width):
    """A uint8 [height, width, 3] picture, the same for the same arguments."""
    import numpy as np

    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    u, v = x / (width - 1), y / (height - 1)
    phase = rng.uniform(0, 2 * np.pi, size=3)
    freq = rng.uniform(1.0, 4.0, size=3)
    image = np.stack([
        255 * (0.5 + 0.5 * np.sin(2 * np.pi * freq[0] * u + phase[0])),
        255 * v * (0.6 + 0.4 * np.cos(2 * np.pi * freq[1] * u * v + phase[1])),
        255 * (0.5 + 0.5 * np.sin(2 * np.pi * freq[2] * (u + v) + phase[2])),
    ], axis=-1)
    for _ in range(6):  # discs
        cy, cx = rng.uniform(0, height), rng.uniform(0, width)
        radius = rng.uniform(0.05, 0.25) * min(height, width)
        inside = (y - cy) ** 2 + (x - cx) ** 2 <= radius ** 2
        image[inside] = rng.uniform(0, 255, size=3)
    for _ in range(4):  # rectangles
        top, left = rng.integers(0, height - 20), rng.integers(0, width - 20)
        bottom = top + rng.integers(10, height // 2)
        right = left + rng.integers(10, width // 2)
        image[top:bottom, left:right] = rng.uniform(0, 255, size=3)
    image += rng.normal(0.0, 6.0, size=image.shape)
    return np.clip(np.rint(image), 0, 255).astype(np.uint8)


def tf_input(encoded, kind, height, width, mean, std):
    """TensorFlow's label_image pre-processing of an encoded PNG or JPEG:
    the float32 [1, height, width, 3] tensor the model is fed."""
    import tensorflow as tf

    if kind == "png":
        image = tf.io.decode_png(encoded, channels=3)
    else:
        image = tf.io.decode_jpeg(encoded, channels=3,
                                  dct_method="INTEGER_ACCURATE")
    batch = tf.expand_dims(tf.cast(image, tf.float32), 0)
    resized = tf.compat.v1.image.resize_bilinear(
        batch, [height, width], align_corners=False, half_pixel_centers=False)
    return tf.divide(tf.subtract(resized, [mean]), [std]).numpy()


class Classifier:
    """The frozen GraphDef of --model-dir in a Session, fed as label_image
    feeds the compiled model."""

    def __init__(self, model_dir, mean, std):
        import tensorflow as tf

        manifest = json.loads((model_dir / "manifest.json").read_text())
        if len(manifest["args"]) != 1:
            fail(f"{model_dir}: the model must have one input, the image")
        arg, result = manifest["args"][0], manifest["results"][0]
        self.height, self.width = arg["shape"][1], arg["shape"][2]
        self.num_classes = result["shape"][-1]
        self.mean, self.std = mean, std
        graph_def = tf.compat.v1.GraphDef()
        graph_def.ParseFromString((model_dir / "model.pb").read_bytes())
        graph = tf.Graph()
        with graph.as_default():
            tf.compat.v1.import_graph_def(graph_def, name="")
        self.feed = graph.get_tensor_by_name(arg["node"])
        self.fetch = graph.get_tensor_by_name(result["node"])
        config = tf.compat.v1.ConfigProto(intra_op_parallelism_threads=1,
                                          inter_op_parallelism_threads=1)
        self.session = tf.compat.v1.Session(graph=graph, config=config)

    def scores(self, encoded, kind):
        """TensorFlow's scores for an encoded PNG or JPEG (bytes)."""
        normalized = tf_input(encoded, kind, self.height, self.width,
                              self.mean, self.std)
        return self.session.run(self.fetch, {self.feed: normalized}).reshape(-1)


def labels(num_classes):
    return [f"class_{i:03d}" for i in range(num_classes)]


def top_lines(scores, names, top):
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    return [f"{names[i]} ({i}): {float(scores[i]):.9g}"
            for i in order[:top]], order


def prepare(args):
    import numpy as np
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")  # resize_bilinear's deprecation note
    model_dir, out = Path(args.model_dir), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model = Classifier(model_dir, args.input_mean, args.input_std)
    names = labels(model.num_classes)
    if (args.height, args.width) == (model.height, model.width):
        fail("pick an image size other than the model's, so that the "
             "resize is exercised")

    tried = []
    for seed in range(args.seed, args.seed + args.tries):
        pixels = synthetic_image(seed, args.height, args.width)
        files = {
            "png": tf.io.encode_png(pixels).numpy(),
            "jpg": tf.io.encode_jpeg(pixels, quality=90).numpy(),
        }
        results = {kind: model.scores(data, "png" if kind == "png" else "jpg")
                   for kind, data in files.items()}
        margins = {}
        for kind, scores in results.items():
            best = np.sort(scores)[::-1]
            margins[kind] = float(best[0] - best[1])
        tried.append(f"seed {seed}: margins " + ", ".join(
            f"{kind} {margin:.2e}" for kind, margin in margins.items()))
        if min(margins.values()) >= args.min_margin:
            break
    else:
        fail(f"no picture with a top-1 margin of at least {args.min_margin} "
             f"in {args.tries} seeds from {args.seed} ("
             + "; ".join(tried) + "): the top-1 check would be flaky; "
             "try another --seed")

    (out / "labels.txt").write_text("".join(name + "\n" for name in names))
    for kind, data in files.items():
        (out / f"image.{kind}").write_bytes(data)
        lines, order = top_lines(results[kind], names, args.top)
        (out / f"tf_{kind}.txt").write_text("".join(l + "\n" for l in lines))
        print(f"oracle {kind}: seed {seed}, {args.height}x{args.width} -> "
              f"{model.height}x{model.width}, top-1 {names[order[0]]}, "
              f"margin {margins[kind]:.3e}")


# --- check-inputs ------------------------------------------------------------


def png_chunk(kind, data):
    crc = zlib.crc32(kind + data) & 0xffffffff
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def png_file(width, height, bit_depth, color_type, scanlines, interlace=0,
             chunks=b""):
    """A PNG from raw scanlines (each with its filter byte), for the formats
    tf.io.encode_png cannot write (palette, 1-bit, interlaced)."""
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0,
                         0, interlace)
    return (b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + chunks +
            png_chunk(b"IDAT", zlib.compress(scanlines)) +
            png_chunk(b"IEND", b""))


def scanlines(rows):
    """Filter type 0 (None) before each row of a uint8 [rows, bytes] array."""
    return b"".join(b"\x00" + row.tobytes() for row in rows)


def adam7(pixels):
    """The scanlines of an RGB picture in PNG's Adam7 interlaced order."""
    data = b""
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8),
                           (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
                           (0, 1, 1, 2)]:
        sub = pixels[y0::dy, x0::dx]
        if sub.size:
            data += scanlines(sub.reshape(sub.shape[0], -1))
    return data


def encodings(seed):
    """{file name: encoded bytes} of one picture in many formats."""
    import numpy as np
    import tensorflow as tf

    pixels = synthetic_image(seed, 260, 300)
    height, width = pixels.shape[:2]
    gray = pixels[..., :1]
    palette = np.random.default_rng(seed).integers(0, 256, (16, 3), np.uint8)
    index = pixels[..., 0] // 16
    wide = pixels.astype(np.uint16) * 257 + np.arange(width, dtype=np.uint16
                                                      )[None, :, None]
    png, jpeg = tf.io.encode_png, tf.io.encode_jpeg
    return {
        "rgb.png": png(pixels).numpy(),
        "gray.png": png(gray).numpy(),
        "gray-alpha.png": png(np.concatenate([gray, pixels[..., 1:2]],
                                             -1)).numpy(),
        "rgba.png": png(np.concatenate([pixels, pixels[..., :1]], -1)).numpy(),
        "rgb16.png": png(wide).numpy(),
        "palette4-trns.png": png_file(
            width, height, 4, 3,
            scanlines((index[:, 0::2] << 4) | index[:, 1::2]),
            chunks=(png_chunk(b"PLTE", palette.tobytes()) +  # alpha rising:
                    png_chunk(b"tRNS", bytes(range(0, 256, 16))))),
        "gray1.png": png_file(width, height, 1, 0,
                              scanlines(np.packbits(pixels[..., 1] > 128, 1))),
        "interlaced.png": png_file(width, height, 8, 2, adam7(pixels),
                                   interlace=1),
        "small.png": png(synthetic_image(seed + 1, 100, 150)).numpy(),
        "rgb420.jpg": jpeg(pixels, quality=90).numpy(),
        "rgb444.jpg": jpeg(pixels, quality=75,
                           chroma_downsampling=False).numpy(),
        "progressive.jpg": jpeg(pixels, quality=80, progressive=True).numpy(),
        "gray.jpg": jpeg(gray, quality=90).numpy(),
    }


def check_inputs(args):
    import subprocess

    import numpy as np
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    failures = 0
    for name, data in encodings(args.seed).items():
        path, dump = out / name, out / (name + ".input.bin")
        path.write_bytes(data)
        dump.unlink(missing_ok=True)
        want = tf_input(data, "png" if name.endswith(".png") else "jpg",
                        args.height, args.width, args.input_mean,
                        args.input_std).reshape(-1)
        run = subprocess.run(
            [args.label_image, f"--image={path}",
             f"--input_height={args.height}", f"--input_width={args.width}",
             f"--input_mean={args.input_mean}", f"--input_std={args.input_std}"],
            env=dict(os.environ, TFC_DUMP_INPUT=str(dump)),
            capture_output=True, text=True)
        if run.returncode != 0:
            why = f"label_image exited {run.returncode}: {run.stderr.strip()}"
        else:
            got = np.fromfile(dump, np.float32)
            if got.shape != want.shape:
                why = f"{got.size} floats, TensorFlow has {want.size}"
            elif not np.array_equal(got, want):
                diff = np.abs(got - want)
                why = (f"{np.count_nonzero(diff)} of {diff.size} values differ"
                       f" from TensorFlow's, by up to {diff.max():g}")
            else:
                why = None
        if why:
            failures += 1
            print(f"FAIL input {name}: {why}")
        else:
            print(f"PASS input {name}: identical to TensorFlow's")
    if failures:
        sys.exit(1)


# --- compare -----------------------------------------------------------------


def read_lines(path, what):
    try:
        text = Path(path).read_text()
    except OSError as e:
        fail(f"cannot read {what} '{path}': {e.strerror}")
    parsed = []
    for number, line in enumerate(text.splitlines(), 1):
        match = LINE.match(line)
        if not match:
            fail(f"{path}:{number}: not `label (index): score`: {line!r}")
        parsed.append((match[1], int(match[2]), float(match[3])))
    return parsed


def compare(args):
    expected = read_lines(args.expected, "TensorFlow's answer")[:args.top]
    actual = read_lines(args.actual, "label_image's output")
    print(f"{args.name}: {'TensorFlow':<34} label_image")
    for rank in range(max(len(expected), len(actual))):
        left = "%s (%d): %.7f" % expected[rank] if rank < len(expected) else ""
        right = "%s (%d): %.7f" % actual[rank] if rank < len(actual) else ""
        print(f"{args.name}:   {left:<34} {right}")

    problems = []
    if not actual:
        problems.append("label_image printed nothing")
    elif actual[0][:2] != expected[0][:2]:
        problems.append(f"top-1 is {actual[0][0]} ({actual[0][1]}), "
                        f"TensorFlow's is {expected[0][0]} ({expected[0][1]})")
    printed = {index: (label, score) for label, index, score in actual}
    for label, index, score in expected:
        if index not in printed:
            problems.append(f"{label} ({index}) is missing")
        elif printed[index][0] != label:
            problems.append(f"index {index} is labeled {printed[index][0]}, "
                            f"not {label}")
        elif abs(printed[index][1] - score) > args.tolerance:
            problems.append(f"{label} ({index}) scores {printed[index][1]:g}, "
                            f"TensorFlow {score:g} (tolerance "
                            f"{args.tolerance:g})")
    if problems:
        print(f"FAIL {args.name}: " + "; ".join(problems))
        sys.exit(1)
    worst = max(abs(printed[index][1] - score)
                for _, index, score in expected)
    print(f"PASS {args.name}: top-1 {expected[0][0]} ({expected[0][1]}); "
          f"top-{len(expected)} scores within {worst:.1e} of TensorFlow's")


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("prepare")
    p.add_argument("--model-dir", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--tries", type=int, default=16)
    p.add_argument("--width", type=int, default=300)
    p.add_argument("--height", type=int, default=260)
    p.add_argument("--input_mean", type=float, default=127.5)
    p.add_argument("--input_std", type=float, default=127.5)
    p.add_argument("--top", type=int, default=5)
    p.add_argument("--min-margin", type=float, default=1e-3)
    c = commands.add_parser("compare")
    c.add_argument("--expected", required=True)
    c.add_argument("--actual", required=True)
    c.add_argument("--name", required=True)
    c.add_argument("--tolerance", type=float, default=1e-4)
    c.add_argument("--top", type=int, default=5)
    i = commands.add_parser("check-inputs")
    i.add_argument("--label-image", required=True)
    i.add_argument("--out", required=True)
    i.add_argument("--seed", type=int, default=0)
    i.add_argument("--height", type=int, default=224)
    i.add_argument("--width", type=int, default=224)
    i.add_argument("--input_mean", type=float, default=127.5)
    i.add_argument("--input_std", type=float, default=127.5)
    args = parser.parse_args(argv)
    {"prepare": prepare, "compare": compare,
     "check-inputs": check_inputs}[args.command](args)


if __name__ == "__main__":
    main()
