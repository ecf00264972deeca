"""sgemm: one MatMul, C [batch, 1024] = A [batch, 1024] x B [1024, 1024].

A microbenchmark of scripts/bench.py --micro, not a network: A is the feed,
so M is the batch (--batch 1024 gives M = N = K = 1024), and B is a frozen
constant weight, as in a dense layer. Fetch: c.
"""

import numpy as np
import tensorflow as tf

from . import common

ALLOWED_OPS = frozenset({"Placeholder", "Const", "Identity", "NoOp", "MatMul"})

K = N = 1024


def build(batch, rng):
    del batch  # M is the unknown batch dimension.
    b = tf.Variable((rng.standard_normal((K, N)) / np.sqrt(K)).astype(np.float32),
                    name="b")

    def fn(a):
        return {"c": tf.matmul(a, b, name="c")}

    return common.freeze(fn, [common.Input("a", "float32", (None, K))])
