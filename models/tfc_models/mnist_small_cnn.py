"""mnist_small_cnn: an MNIST-sized CNN for microcontrollers (256 KB of RAM).

x float32 [batch, 28, 28, 1], pixels in [0, 1]. conv 3x3x8 SAME + ReLU ->
max pool 2x2/2 -> conv 3x3x16 SAME + ReLU -> max pool 2x2/2 -> flatten
(Reshape to [-1, 7*7*16]) -> dense 32 + ReLU -> dense 10. Fetches: logits
and probs (softmax). 26,698 weights (104 KiB of float32, in flash); the
largest activation is 28x28x8 floats (25 KiB), so arena, input and outputs
fit a 256 KB Cortex-M with room to spare. Written in mnist_cnn's style
(tf.nn ops over seeded, He-scaled tf.Variables); test/mcu runs it on the
Cortex-M boards.
"""

from . import common
from .mnist_cnn import two_conv_net

ALLOWED_OPS = common.BASIC_OPS | {"Conv2D", "MaxPool"}


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    return two_conv_net(rng, kernel=3, conv1=8, conv2=16, dense=32,
                        dropout=False)
