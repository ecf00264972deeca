"""mnist_digits: mnist_small_cnn's network trained to read digits (examples/mcu).

The same layers as mnist_small_cnn (conv 3x3x8 SAME + ReLU, max pool 2/2,
conv 3x3x16 SAME + ReLU, max pool, flatten, dense 32 + ReLU, dense 10), as
Keras layers, trained for a few epochs on synthetic handwritten-style
digits: each digit's strokes (polylines in a unit box) drawn in a 20x20 box
centred in 28x28, as MNIST centres its digits, with a seeded random
rotation, scale, shear, shift and stroke width, anti-aliased, pixels in
[0, 1]. Nothing is downloaded, so this is not MNIST itself; a model trained
on MNIST with the same input and output shapes drops in unchanged. The
input is such a digit, a 7 (then random ones for a larger batch); fetches
logits and probs.
"""

import numpy as np
import tensorflow as tf

from . import common, keras_common

ALLOWED_OPS = frozenset({
    "Placeholder", "Const", "Identity", "NoOp", "Conv2D", "BiasAdd", "Relu",
    "MaxPool", "Shape", "StridedSlice", "Pack", "Reshape", "Squeeze",
    "MatMul", "Softmax",
})


def _circle(cx, cy, rx, ry, start=0.0, end=2 * np.pi, n=20):
    t = np.linspace(start, end, n)
    return list(zip(cx + rx * np.cos(t), cy + ry * np.sin(t)))


# Strokes of each digit: polylines of (x, y) in [0, 1]^2, y down.
STROKES = {
    0: [_circle(0.5, 0.5, 0.28, 0.4)],
    1: [[(0.35, 0.25), (0.55, 0.1), (0.55, 0.9)]],
    2: [[(0.25, 0.3), (0.35, 0.14), (0.65, 0.12), (0.77, 0.3), (0.7, 0.47),
         (0.25, 0.9), (0.8, 0.9)]],
    3: [[(0.25, 0.15), (0.75, 0.15), (0.48, 0.45), (0.74, 0.58), (0.72, 0.82),
         (0.5, 0.9), (0.25, 0.85)]],
    4: [[(0.62, 0.9), (0.62, 0.1), (0.2, 0.66), (0.82, 0.66)]],
    5: [[(0.75, 0.12), (0.32, 0.12), (0.28, 0.45), (0.6, 0.42), (0.76, 0.62),
         (0.66, 0.86), (0.25, 0.88)]],
    6: [[(0.68, 0.1), (0.4, 0.35), (0.27, 0.65)] +
        _circle(0.5, 0.7, 0.23, 0.2, np.pi, 3 * np.pi)],
    7: [[(0.2, 0.12), (0.8, 0.12), (0.42, 0.9)]],
    8: [_circle(0.5, 0.29, 0.19, 0.18), _circle(0.5, 0.7, 0.23, 0.2)],
    9: [_circle(0.5, 0.32, 0.22, 0.2), [(0.72, 0.34), (0.6, 0.9)]],
}


def draw_digit(digit, rng):
    """A 28x28 float32 image of `digit`, randomly deformed."""
    angle = rng.uniform(-0.25, 0.25)
    scale = rng.uniform(0.8, 1.1, size=2)
    shear = rng.uniform(-0.3, 0.3)
    cos, sin = np.cos(angle), np.sin(angle)
    matrix = (np.array([[cos, -sin], [sin, cos]]) @ np.array([[1, shear], [0, 1]])
              @ np.diag(scale)) * 20.0
    offset = np.array([14.0, 14.0]) + rng.uniform(-1.5, 1.5, size=2)
    width = rng.uniform(1.0, 1.6)
    ys, xs = np.mgrid[0:28, 0:28] + 0.5
    pixels = np.stack([xs.ravel(), ys.ravel()], axis=1)
    distance = np.full(len(pixels), np.inf)
    for stroke in STROKES[digit]:
        points = (np.array(stroke) - 0.5) @ matrix.T + offset
        for a, b in zip(points[:-1], points[1:]):
            ab = b - a
            t = np.clip(((pixels - a) @ ab) / max(ab @ ab, 1e-9), 0.0, 1.0)
            nearest = a + t[:, None] * ab
            distance = np.minimum(distance,
                                  np.linalg.norm(pixels - nearest, axis=1))
    image = np.clip(width + 0.5 - distance, 0.0, 1.0)
    return image.reshape(28, 28, 1).astype(np.float32)


def draw_digits(count, rng):
    labels = rng.integers(0, 10, size=count)
    return np.stack([draw_digit(d, rng) for d in labels]), labels


def _sample(rng, shape):
    """The model's input: `shape[0]` digits, the first a 7."""
    images = [draw_digit(7, rng)]
    images += [draw_digit(int(d), rng) for d in rng.integers(0, 10, shape[0] - 1)]
    return np.stack(images)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    keras_common.set_keras_seed(rng)
    layers = tf.keras.layers
    model = tf.keras.Sequential([
        tf.keras.Input(shape=(28, 28, 1), name="x"),
        layers.Conv2D(8, 3, padding="same", activation="relu", name="conv1"),
        layers.MaxPooling2D(2, name="pool1"),
        layers.Conv2D(16, 3, padding="same", activation="relu", name="conv2"),
        layers.MaxPooling2D(2, name="pool2"),
        layers.Flatten(name="flatten"),
        layers.Dense(32, activation="relu", name="dense"),
        layers.Dense(10, name="logits"),
    ])
    images, labels = draw_digits(6000, rng)
    model.compile(optimizer=tf.keras.optimizers.Adam(3e-3),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(
                      from_logits=True))
    model.fit(images, labels, batch_size=64, epochs=6, verbose=0,
              shuffle=False)

    def fn(x):
        logits = model(x, training=False)
        return {"logits": logits, "probs": tf.nn.softmax(logits)}

    return common.freeze(
        fn, [common.Input("x", "float32", (None, 28, 28, 1), _sample)])
