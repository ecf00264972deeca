"""dense_chains: two-layer dense chains for every activation tfc fuses.

x float32 [batch, 100] feeds eighteen independent chains, one per activation
(Relu, Relu6, Elu, LeakyRelu, Sigmoid, Tanh) and bias form (BiasAdd, AddV2,
none): MatMul [100, 64] -> bias -> activation -> MatMul [64, 100] -> bias ->
activation. Without a bias, tfc-fuse-contractions fuses the activation
alone (with a zero bias). Each chain is a fetch. This is the graph shape whose optimized
form once gave wrong answers (issue 7: the contraction's in-place epilogue
was fused into its consumer), so every activation that
tfc-fuse-contractions accepts is here, twice in a row, with weights
normal(0, 0.3) and inputs uniform(-1, 1) as in the original report.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = common.BASIC_OPS | {"Relu6", "Elu", "LeakyRelu"}

INPUTS = 100
HIDDEN = 64

ACTIVATIONS = {
    "relu": tf.nn.relu,
    "relu6": tf.nn.relu6,
    "elu": tf.nn.elu,
    "leaky_relu": lambda v: tf.nn.leaky_relu(v, alpha=0.15),
    "sigmoid": tf.sigmoid,
    "tanh": tf.tanh,
}
BIAS_FORMS = {
    "biasadd": tf.nn.bias_add,
    "addv2": tf.add,
    "none": lambda value, bias: value,
}


def _constant(rng, shape, name):
    value = rng.normal(0.0, 0.3, size=shape).astype(np.float32)
    return tf.Variable(value, name=name)


def build(batch, rng):
    del batch  # The graph has an unknown batch dimension.
    layers = {}
    for act in ACTIVATIONS:
        for form in BIAS_FORMS:
            chain = f"{act}_{form}"
            layers[chain] = [
                (_constant(rng, (INPUTS, HIDDEN), f"{chain}/w1"),
                 _constant(rng, (HIDDEN,), f"{chain}/b1")),
                (_constant(rng, (HIDDEN, INPUTS), f"{chain}/w2"),
                 _constant(rng, (INPUTS,), f"{chain}/b2")),
            ]

    def fn(x):
        outputs = {}
        for chain, weights in layers.items():
            act, form = chain.rsplit("_", 1)
            value = x
            for w, b in weights:
                value = ACTIVATIONS[act](BIAS_FORMS[form](tf.matmul(value, w), b))
            outputs[chain] = value
        return outputs

    sample = lambda rng, shape: rng.uniform(-1.0, 1.0, size=shape)  # noqa: E731
    return common.freeze(fn, [common.Input("x", "float32", (None, INPUTS), sample)])
