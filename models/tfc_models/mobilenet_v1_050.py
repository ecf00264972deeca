"""mobilenet_v1_050: MobileNet v1, width 0.5, 224x224, TF-for-Poets form.

tf.keras.applications.MobileNet(weights=None, alpha=0.5, include_top=False,
pooling='avg') with a new Dense softmax layer over 5 classes, frozen as
TF-for-Poets' retrain.py left it: feed node `input` float32
[batch, 224, 224, 3] (values in [-1, 1]), fetch node `final_result`. Seeded
weights and calibrated batch norms (see keras_common.py).
"""

from . import keras_common

ALLOWED_OPS = keras_common.MOBILENET_V1_OPS


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return keras_common.mobilenet_v1_poets(0.5, rng)
