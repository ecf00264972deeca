"""Seed-model generators for tfc's end-to-end tests.

One module per model (``linear.py``, ``mlp.py``, ...). Each defines::

    ALLOWED_OPS: frozenset[str]   # the TF op types its GraphDef may contain
    def build(batch: int, rng: numpy.random.Generator) -> common.Model

``common.py`` holds what they share: freezing a tf.function into a GraphDef,
writing config.pbtxt, running TensorFlow as the oracle, writing the manifest;
``keras_common.py`` what the Keras models share: seeded weights, batch-norm
statistics, the TF-for-Poets retrained head; ``keras_apps.py`` what the
Keras-application models (keras_<application>.py) add to it.
Adding a model means adding one module here; ``models/generate.py`` finds it by
name. Importing this package does not import TensorFlow, so listing models and
checking the cache stay fast.
"""

import pkgutil
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

# Modules of this package that are not models: helpers of the models, part of
# every model's cache key.
_NOT_MODELS = ("common", "keras_common", "keras_apps")


def model_names():
    """Names of all models, i.e. the model modules of this package, sorted."""
    return sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE_DIR)])
                  if m.name not in _NOT_MODELS and not m.name.startswith("_"))


def model_source(name):
    """Path of the module that generates model `name`."""
    return PACKAGE_DIR / f"{name}.py"


def common_source():
    """Path of the helpers every generator uses (part of the cache key)."""
    return PACKAGE_DIR / "common.py"


def helper_sources():
    """Paths of all helper modules (common.py first), for the cache key."""
    return [PACKAGE_DIR / f"{name}.py" for name in _NOT_MODELS]
