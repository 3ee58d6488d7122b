#!/usr/bin/python3
"""PyTorch's own numbers for nn's components, written as JSON into nn-plugins' test resources.

Run with Debian's python3-torch (1.13):  /usr/bin/python3 tools/torch-golden/golden.py
The tests (dev.nn.plugins.golden.*) compare nn with these files and do not need torch.
Numbers are written with 9 significant digits, which keeps every float32 exactly.
"""
import json
import math
import os

import torch
import torch.nn.functional as F

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "nn-plugins", "src", "test", "resources", "golden")


def number(v):
    return "%.9e" % v


def floats(t):
    return "[" + ", ".join(number(v) for v in t.detach().reshape(-1).tolist()) + "]"


def activation_inputs():
    # A sweep, the ends of the ranges where the functions change form, and points beside them.
    xs = [-8 + 16 * i / 60 for i in range(61)]
    xs += [-3.0, -2.999, 2.999, 3.0, 0.0, 1e-3, -1e-3, 5.999, 6.0, 6.001, 9.9, 10.1, 19.9, 20.0, 20.5, -20.0, 30.0, 0.5]
    return torch.tensor(xs, dtype=torch.float32)


def upstream(n):
    return torch.tensor([math.sin(0.37 * k) + 0.1 for k in range(n)], dtype=torch.float32)


ACTIVATIONS = [
    ("gelu", {}, lambda x: F.gelu(x)),
    ("gelu", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    ("silu", {}, F.silu),
    ("elu", {}, lambda x: F.elu(x)),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, alpha=0.5)),
    ("selu", {}, F.selu),
    ("softplus", {}, lambda x: F.softplus(x)),
    ("softplus", {"beta": 2.0, "threshold": 10.0}, lambda x: F.softplus(x, beta=2.0, threshold=10.0)),
    ("mish", {}, F.mish),
    ("hard_sigmoid", {}, F.hardsigmoid),
    ("relu6", {}, F.relu6),
    ("relu", {}, F.relu),
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("softsign", {}, F.softsign),
    ("leaky_relu", {"slope": 0.1}, lambda x: F.leaky_relu(x, 0.1)),
]


def activations():
    cases = []
    for name, options, f in ACTIVATIONS:
        x = activation_inputs().requires_grad_(True)
        g = upstream(x.numel())
        y = f(x)
        y.backward(g)
        cases.append('    {"name": "%s", "options": %s,\n     "x": %s,\n     "g": %s,\n     "y": %s,\n     "dx": %s}'
                     % (name, json.dumps(options), floats(x), floats(g), floats(y), floats(x.grad)))
    return '{"torch": "%s",\n "activations": [\n%s\n]}\n' % (torch.__version__, ",\n".join(cases))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "activations.json"), "w") as f:
        f.write(activations())


if __name__ == "__main__":
    main()
