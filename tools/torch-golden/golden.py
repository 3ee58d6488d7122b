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


LOSSES = [
    ("l1", {}, lambda y, t: F.l1_loss(y, t)),
    ("huber", {}, lambda y, t: F.huber_loss(y, t)),
    ("huber", {"delta": 0.5}, lambda y, t: F.huber_loss(y, t, delta=0.5)),
    ("smooth_l1", {}, lambda y, t: F.smooth_l1_loss(y, t)),
    ("smooth_l1", {"beta": 0.5}, lambda y, t: F.smooth_l1_loss(y, t, beta=0.5)),
    ("smooth_l1", {"beta": 0.0}, lambda y, t: F.smooth_l1_loss(y, t, beta=0.0)),
    ("mse", {}, lambda y, t: F.mse_loss(y, t)),
]


def regression_pair():
    # 4 examples of 5 outputs: differences from -3 to 3, some exactly 0, 0.5 and 1 (where the losses change form).
    y = torch.tensor([[math.sin(1.3 * (5 * r + c)) * 2 for c in range(5)] for r in range(4)], dtype=torch.float32)
    t = y.clone()
    d = [0.0, 0.5, -0.5, 1.0, -1.0, 2.5, -3.0, 0.25, -0.1, 1.7, 0.0, 0.75, -2.0, 0.3, -0.6, 3.0, 0.05, -1.2, 0.9, -0.45]
    t = t - torch.tensor(d, dtype=torch.float32).reshape(4, 5)
    return y, t


def losses():
    cases = []
    for name, options, f in LOSSES:
        y, t = regression_pair()
        y.requires_grad_(True)
        loss = f(y, t)
        loss.backward()
        cases.append('    {"name": "%s", "options": %s, "rows": 4, "cols": 5,\n     "output": %s,\n     "target": %s,\n'
                     '     "loss": %s,\n     "gradient": %s}'
                     % (name, json.dumps(options), floats(y), floats(t), number(loss.item()), floats(y.grad)))
    return '{"torch": "%s",\n "losses": [\n%s\n]}\n' % (torch.__version__, ",\n".join(cases))


def class_pair():
    # 6 examples of 4 classes: logits from -3 to 3 and their one-hot classes, every class present, class 2 twice
    # as often (so that weights change the mean); no hinge margin lands exactly on 0.
    z = torch.tensor([[math.sin(0.9 * (4 * r + c) + 0.3) * 3 for c in range(4)] for r in range(6)],
                     dtype=torch.float32)
    y = torch.tensor([2, 0, 2, 1, 3, 2])
    return z, y


def one_hot(y):
    return F.one_hot(y, 4).to(torch.float32)


W = [0.5, 2.0, 1.0, 3.0]

# (name, options, loss of (output, class indices)); the target nn gets is the one-hot rows.
CLASS_LOSSES = [
    ("softmax_cross_entropy", {}, lambda z, y: F.cross_entropy(z, y)),
    ("softmax_cross_entropy", {"label_smoothing": 0.1}, lambda z, y: F.cross_entropy(z, y, label_smoothing=0.1)),
    ("softmax_cross_entropy", {"class_weights": W},
     lambda z, y: F.cross_entropy(z, y, weight=torch.tensor(W))),
    ("softmax_cross_entropy", {"label_smoothing": 0.2, "class_weights": W},
     lambda z, y: F.cross_entropy(z, y, weight=torch.tensor(W), label_smoothing=0.2)),
    ("softmax_cross_entropy", {"label_smoothing": 0.05, "class_weights": [1.0, 0.0, 1.5, 0.25]},
     lambda z, y: F.cross_entropy(z, y, weight=torch.tensor([1.0, 0.0, 1.5, 0.25]), label_smoothing=0.05)),
    ("hinge", {}, lambda z, y: F.multi_margin_loss(z, y)),
    ("hinge", {"margin": 0.5}, lambda z, y: F.multi_margin_loss(z, y, margin=0.5)),
    ("hinge", {"margin": 2.0}, lambda z, y: F.multi_margin_loss(z, y, margin=2.0)),
]


def binary_pair():
    # 5 examples of 3 independent outputs: logits from -4 to 4 and 0/1 targets.
    z = torch.tensor([[math.cos(1.1 * (3 * r + c)) * 4 for c in range(3)] for r in range(5)], dtype=torch.float32)
    t = torch.tensor([[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 1], [1, 0, 0]], dtype=torch.float32)
    return z, t


BINARY_LOSSES = [
    ("binary_cross_entropy", {}, lambda z, t: F.binary_cross_entropy_with_logits(z, t)),
    ("binary_cross_entropy", {"pos_weight": [2.5]},
     lambda z, t: F.binary_cross_entropy_with_logits(z, t, pos_weight=torch.tensor([2.5]))),
    ("binary_cross_entropy", {"pos_weight": [0.5, 1.0, 4.0]},
     lambda z, t: F.binary_cross_entropy_with_logits(z, t, pos_weight=torch.tensor([0.5, 1.0, 4.0]))),
]


def distribution_pair():
    # 3 examples over 5 classes: log-probabilities from a log_softmax, target distributions with zeros.
    x = torch.log_softmax(torch.tensor([[math.sin(0.7 * (5 * r + c)) * 2 for c in range(5)] for r in range(3)],
                                       dtype=torch.float32), dim=1)
    t = torch.tensor([[0.1, 0.2, 0.3, 0.4, 0.0], [0.0, 0.0, 1.0, 0.0, 0.0], [0.25, 0.25, 0.0, 0.25, 0.25]],
                     dtype=torch.float32)
    return x, t


def loss_case(name, options, y, t, f):
    y = y.clone().requires_grad_(True)
    loss = f(y)
    loss.backward()
    return ('    {"name": "%s", "options": %s, "rows": %d, "cols": %d,\n     "output": %s,\n     "target": %s,\n'
            '     "loss": %s,\n     "gradient": %s}'
            % (name, json.dumps(options), y.shape[0], y.shape[1], floats(y), floats(t), number(loss.item()),
               floats(y.grad)))


def log_softmax_case(x, g):
    x = x.clone().requires_grad_(True)
    y = torch.log_softmax(x, dim=1)
    y.backward(g)
    return ('    {"name": "log_softmax", "options": {}, "rows": %d, "cols": %d,\n     "x": %s,\n     "g": %s,\n'
            '     "y": %s,\n     "dx": %s}' % (x.shape[0], x.shape[1], floats(x), floats(g), floats(y), floats(x.grad)))


def classification():
    """Losses on class targets and on distributions (value and gradient), and the log_softmax layer."""
    cases = []
    z, y = class_pair()
    for name, options, f in CLASS_LOSSES:
        cases.append(loss_case(name, options, z, one_hot(y), lambda out, f=f: f(out, y)))
    z, t = binary_pair()
    for name, options, f in BINARY_LOSSES:
        cases.append(loss_case(name, options, z, t, lambda out, f=f: f(out, t)))
    x, t = distribution_pair()
    cases.append(loss_case("kl_div", {}, x, t, lambda out: F.kl_div(out, t, reduction="batchmean")))
    wide = torch.tensor([[math.sin(0.37 * (7 * r + c)) * 6 + (40 if r == 2 and c == 3 else 0) for c in range(7)]
                         for r in range(4)], dtype=torch.float32)
    layers = [log_softmax_case(wide, upstream(28).reshape(4, 7)),
              log_softmax_case(torch.tensor([[-100.0, 0.0, 100.0], [1e-3, -1e-3, 0.0]]), upstream(6).reshape(2, 3))]
    return ('{"torch": "%s",\n "losses": [\n%s\n],\n "layers": [\n%s\n]}\n'
            % (torch.__version__, ",\n".join(cases), ",\n".join(layers)))


OPTIMIZERS = [
    ("sgd", {"lr": 0.1}, lambda p: torch.optim.SGD(p, lr=0.1)),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "weight_decay": 0.01}, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "nesterov": True}, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, nesterov=True)),
    ("adam", {"lr": 0.01}, lambda p: torch.optim.Adam(p, lr=0.01)),
    ("adam", {"lr": 0.01, "weight_decay": 0.1}, lambda p: torch.optim.Adam(p, lr=0.01, weight_decay=0.1)),
    ("adamw", {"lr": 0.01}, lambda p: torch.optim.AdamW(p, lr=0.01)),
    ("adamw", {"lr": 0.02, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.3},
     lambda p: torch.optim.AdamW(p, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.3)),
    ("adam", {"lr": 0.01, "amsgrad": True}, lambda p: torch.optim.Adam(p, lr=0.01, amsgrad=True)),
    ("adamw", {"lr": 0.02, "weight_decay": 0.1, "amsgrad": True},
     lambda p: torch.optim.AdamW(p, lr=0.02, weight_decay=0.1, amsgrad=True)),
    ("rmsprop", {"lr": 0.01, "rho": 0.99, "eps": 1e-8}, lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, eps=1e-8)),
    ("sgd", {"lr": 0.05, "momentum": 0.9, "dampening": 0.5}, lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.9, dampening=0.5)),
    ("sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.2, "weight_decay": 0.01},
     lambda p: torch.optim.SGD(p, lr=0.05, momentum=0.8, dampening=0.2, weight_decay=0.01)),
    ("rmsprop", {"lr": 0.01, "rho": 0.9, "momentum": 0.9},
     lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9, momentum=0.9)),
    ("rmsprop", {"lr": 0.01, "rho": 0.99, "centered": True},
     lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.99, centered=True)),
    ("rmsprop", {"lr": 0.005, "rho": 0.9, "eps": 1e-6, "momentum": 0.5, "centered": True},
     lambda p: torch.optim.RMSprop(p, lr=0.005, alpha=0.9, eps=1e-6, momentum=0.5, centered=True)),
    ("adagrad", {}, lambda p: torch.optim.Adagrad(p)),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.1, "eps": 1e-6},
     lambda p: torch.optim.Adagrad(p, lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.1, eps=1e-6)),
    ("nadam", {}, lambda p: torch.optim.NAdam(p)),
    ("nadam", {"lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1, "momentum_decay": 0.01},
     lambda p: torch.optim.NAdam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1, momentum_decay=0.01)),
]
STEPS = 20


def optimizers():
    cases = []
    for name, options, make in OPTIMIZERS:
        w = torch.tensor([[math.cos(0.7 * (4 * r + c)) for c in range(4)] for r in range(3)], dtype=torch.float32)
        w.requires_grad_(True)
        opt = make([w])
        grads, after = [], []
        for k in range(STEPS):
            g = torch.tensor([[math.sin(0.3 * k + 0.9 * (4 * r + c)) + 0.2 for c in range(4)] for r in range(3)],
                             dtype=torch.float32)
            w.grad = g.clone()
            opt.step()
            grads.append(floats(g))
            after.append(floats(w))
        cases.append('    {"name": "%s", "options": %s, "rows": 3, "cols": 4,\n     "initial": %s,\n'
                     '     "gradients": [%s],\n     "after": [%s]}'
                     % (name, json.dumps(options),
                        floats(torch.tensor([[math.cos(0.7 * (4 * r + c)) for c in range(4)] for r in range(3)])),
                        ", ".join(grads), ", ".join(after)))
    return '{"torch": "%s", "steps": %d,\n "optimizers": [\n%s\n]}\n' % (torch.__version__, STEPS, ",\n".join(cases))


def grid(rows, cols, a, b, c=0.0):
    return torch.tensor([[math.sin(a * (cols * r + k) + b) * 2 + c for k in range(cols)] for r in range(rows)],
                        dtype=torch.float32)


NORM_LAYERS = [
    ("batch_norm", {}, lambda n: torch.nn.BatchNorm1d(n)),
    ("batch_norm", {"momentum": 0.3, "eps": 0.001}, lambda n: torch.nn.BatchNorm1d(n, momentum=0.3, eps=0.001)),
    ("batch_norm", {"affine": False}, lambda n: torch.nn.BatchNorm1d(n, affine=False)),
    ("layer_norm", {}, lambda n: torch.nn.LayerNorm(n)),
    ("layer_norm", {"eps": 0.01, "affine": False}, lambda n: torch.nn.LayerNorm(n, eps=0.01, elementwise_affine=False)),
]


def layers():
    """Three training batches through each normalisation layer, backward on the last, then inference."""
    rows, cols = 6, 4
    cases = []
    for name, options, make in NORM_LAYERS:
        layer = make(cols)
        affine = getattr(layer, "weight", None) is not None
        if affine:
            with torch.no_grad():
                layer.weight.copy_(torch.tensor([0.5, 1.5, -1.0, 2.0]))
                layer.bias.copy_(torch.tensor([0.1, -0.2, 0.3, 0.0]))
        layer.train()
        batches = [grid(rows, cols, 0.7 + 0.2 * i, 0.3 * i, 0.5 * i) for i in range(3)]
        for x in batches[:-1]:
            layer(x)
        x = batches[-1].clone().requires_grad_(True)
        y = layer(x)
        g = grid(rows, cols, 1.3, 0.4)
        y.backward(g)
        layer.eval()
        eval_x = grid(3, cols, 0.9, 1.1, 0.2)
        eval_y = layer(eval_x)
        fields = {
            "name": '"%s"' % name, "options": json.dumps(options), "rows": str(rows), "cols": str(cols),
            "gamma": floats(layer.weight) if affine else "[]", "beta": floats(layer.bias) if affine else "[]",
            "batches": "[%s]" % ", ".join(floats(b) for b in batches), "g": floats(g), "y": floats(y),
            "dx": floats(x.grad),
            "dgamma": floats(layer.weight.grad) if affine else "[]",
            "dbeta": floats(layer.bias.grad) if affine else "[]",
            "running_mean": floats(layer.running_mean) if name == "batch_norm" else "[]",
            "running_var": floats(layer.running_var) if name == "batch_norm" else "[]",
            "eval_x": floats(eval_x), "eval_y": floats(eval_y),
        }
        cases.append("    {" + ",\n     ".join('"%s": %s' % kv for kv in fields.items()) + "}")
    # Dense regularisation: nn's weights are inputs x units; torch's Linear.weight is their transpose.
    penalties = []
    w = grid(5, 3, 0.8, 0.2)
    for l1, l2 in [(0.01, 0.0), (0.0, 0.05), (0.02, 0.03)]:
        wt = w.clone().requires_grad_(True)
        penalty = l1 * wt.abs().sum() + l2 * (wt ** 2).sum()
        penalty.backward()
        penalties.append('    {"l1": %s, "l2": %s, "weights": %s, "penalty": %s, "gradient": %s}'
                         % (number(l1), number(l2), floats(w), number(penalty.item()), floats(wt.grad)))
    norms = []
    for limit in [0.5, 2.0, 3.0]:
        after = torch.renorm(w.t(), p=2, dim=0, maxnorm=limit).t()
        norms.append('    {"max_norm": %s, "weights": %s, "after": %s}' % (number(limit), floats(w), floats(after)))
    return ('{"torch": "%s",\n "layers": [\n%s\n],\n "dense_penalties": [\n%s\n],\n "dense_max_norm": [\n%s\n]}\n'
            % (torch.__version__, ",\n".join(cases), ",\n".join(penalties), ",\n".join(norms)))


def precise(v):
    # Schedules are double arithmetic on both sides: 17 significant digits keep every double exactly.
    return "%.17e" % v


def plateau_figures(n):
    # A falling curve with bumps and flat stretches, so that patience, threshold and cooldown all act.
    return [0.5 + 0.5 * math.exp(-k / 6.0) + 0.03 * math.sin(1.7 * k) + (0.02 if k % 7 == 3 else 0.0)
            for k in range(n)]


def accuracy_figures(n):
    return [min(0.99, 0.6 + 0.3 * (1 - math.exp(-k / 5.0)) + 0.02 * math.cos(1.3 * k)) for k in range(n)]


S = torch.optim.lr_scheduler
# (name, options, warmup or None, epochs, batches per epoch, monitored figures or None, scheduler factory)
SCHEDULES = [
    ("constant", {}, None, 10, 1, None, lambda o, e, b: S.ConstantLR(o, factor=1.0, total_iters=0)),
    ("step", {"every": 3, "gamma": 0.5}, None, 12, 1, None, lambda o, e, b: S.StepLR(o, step_size=3, gamma=0.5)),
    ("step", {}, None, 25, 1, None, lambda o, e, b: S.StepLR(o, step_size=10, gamma=0.5)),
    ("exponential", {"gamma": 0.9}, None, 15, 1, None, lambda o, e, b: S.ExponentialLR(o, gamma=0.9)),
    ("exponential", {}, None, 15, 1, None, lambda o, e, b: S.ExponentialLR(o, gamma=0.95)),
    ("cosine", {}, None, 12, 1, None, lambda o, e, b: S.CosineAnnealingLR(o, T_max=e, eta_min=0.0)),
    ("cosine", {"min_lr": 0.001}, None, 17, 1, None, lambda o, e, b: S.CosineAnnealingLR(o, T_max=e, eta_min=0.001)),
    ("polynomial", {}, None, 10, 1, None, lambda o, e, b: S.PolynomialLR(o, total_iters=e, power=1.0)),
    ("polynomial", {"power": 2.5}, None, 13, 1, None, lambda o, e, b: S.PolynomialLR(o, total_iters=e, power=2.5)),
    ("one_cycle", {"max_lr": 0.5}, None, 4, 25, None,
     lambda o, e, b: S.OneCycleLR(o, max_lr=0.5, epochs=e, steps_per_epoch=b, cycle_momentum=False)),
    ("one_cycle", {"max_lr": 0.2, "pct_start": 0.25, "div_factor": 10.0, "final_div_factor": 100.0}, None, 3, 7, None,
     lambda o, e, b: S.OneCycleLR(o, max_lr=0.2, epochs=e, steps_per_epoch=b, pct_start=0.25, div_factor=10.0,
                                  final_div_factor=100.0, cycle_momentum=False)),
    ("one_cycle", {"max_lr": 1.0, "pct_start": 0.5}, None, 1, 9, None,
     lambda o, e, b: S.OneCycleLR(o, max_lr=1.0, epochs=e, steps_per_epoch=b, pct_start=0.5, cycle_momentum=False)),
    ("reduce_on_plateau", {}, None, 60, 1, "val_loss", lambda o, e, b: S.ReduceLROnPlateau(o)),
    ("reduce_on_plateau", {"monitor": "loss", "factor": 0.5, "patience": 2, "threshold": 0.01, "min_lr": 0.004},
     None, 60, 1, "loss",
     lambda o, e, b: S.ReduceLROnPlateau(o, factor=0.5, patience=2, threshold=0.01, min_lr=0.004)),
    ("reduce_on_plateau", {"monitor": "val_loss", "factor": 0.3, "patience": 1, "cooldown": 2}, None, 60, 1,
     "val_loss", lambda o, e, b: S.ReduceLROnPlateau(o, factor=0.3, patience=1, cooldown=2)),
    ("reduce_on_plateau", {"monitor": "val_accuracy", "patience": 1, "factor": 0.5}, None, 40, 1, "val_accuracy",
     lambda o, e, b: S.ReduceLROnPlateau(o, mode="max", patience=1, factor=0.5)),
    # The warm-up: LinearLR over N epochs, then the main schedule through SequentialLR(milestones=[N]),
    # its T_max / total_iters the epochs left after the warm-up.
    ("constant", {}, {"epochs": 3, "start_factor": 0.1}, 8, 1, None,
     lambda o, e, b: S.LinearLR(o, start_factor=0.1, total_iters=3)),
    ("step", {"every": 2, "gamma": 0.5}, {"epochs": 3, "start_factor": 0.1}, 12, 1, None,
     lambda o, e, b: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=3),
                                        S.StepLR(o, step_size=2, gamma=0.5)], milestones=[3])),
    ("exponential", {"gamma": 0.8}, {"epochs": 1, "start_factor": 0.5}, 9, 1, None,
     lambda o, e, b: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.5, total_iters=1),
                                        S.ExponentialLR(o, gamma=0.8)], milestones=[1])),
    ("cosine", {"min_lr": 0.002}, {"epochs": 4, "start_factor": 0.25}, 14, 1, None,
     lambda o, e, b: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.25, total_iters=4),
                                        S.CosineAnnealingLR(o, T_max=e - 4, eta_min=0.002)], milestones=[4])),
    ("polynomial", {"power": 2.0}, {"epochs": 2, "start_factor": 0.1}, 10, 1, None,
     lambda o, e, b: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=2),
                                        S.PolynomialLR(o, total_iters=e - 2, power=2.0)], milestones=[2])),
]


def schedules():
    import warnings
    warnings.simplefilter("ignore")  # SequentialLR's step(0) and OneCycleLR's get_lr warn; the numbers are what count
    cases = []
    for name, options, warmup, epochs, batches, monitor, make in SCHEDULES:
        opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
        sched = make(opt, epochs, batches)
        figures = None
        if monitor is not None:
            figures = accuracy_figures(epochs) if monitor.endswith("accuracy") else plateau_figures(epochs)
        rates = []
        for e in range(epochs):
            for b in range(batches):
                rates.append(opt.param_groups[0]["lr"])
                opt.step()
                if batches > 1:
                    sched.step()
            if monitor is not None:
                sched.step(figures[e])
            elif batches == 1:
                sched.step()
        cases.append('    {"name": "%s", "options": %s, "warmup": %s, "epochs": %d, "batches": %d, "lr": 0.1,\n'
                     '     "monitor": %s, "figures": %s,\n     "rates": [%s]}'
                     % (name, json.dumps(options), json.dumps(warmup), epochs, batches, json.dumps(monitor),
                        "null" if figures is None else "[" + ", ".join(precise(v) for v in figures) + "]",
                        ", ".join(precise(v) for v in rates)))
    return '{"torch": "%s",\n "schedules": [\n%s\n]}\n' % (torch.__version__, ",\n".join(cases))


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "activations.json"), "w") as f:
        f.write(activations())
    with open(os.path.join(OUT, "losses.json"), "w") as f:
        f.write(losses())
    with open(os.path.join(OUT, "optimizers.json"), "w") as f:
        f.write(optimizers())
    with open(os.path.join(OUT, "layers.json"), "w") as f:
        f.write(layers())
    with open(os.path.join(OUT, "classification.json"), "w") as f:
        f.write(classification())
    with open(os.path.join(OUT, "schedules.json"), "w") as f:
        f.write(schedules())


if __name__ == "__main__":
    main()
