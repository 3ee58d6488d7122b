#!/usr/bin/python3
"""scikit-learn beside nn on the bundled tables, on exactly nn's split.

    bin/nn train configs/tabular/iris.yaml --out runs/iris
    /usr/bin/python3 bench/tabular_sklearn.py runs/iris [runs/wine ...]

Reads each run folder nn train wrote: config.yaml (which table, the seed), predictions.csv (the
test part: each test example's row in the table, and nn's predictions) and metrics.json (nn's
test figure). The training rows are all the other rows of the table (nn's training and validation
parts together: nn held its validation part out of the gradient steps for early stopping, scikit-
learn fits on all of them). Inputs are standardised on those rows (StandardScaler), as nn's
`preprocess: [standardize]` does; regression targets too for the MLP (TransformedTargetRegressor),
as nn's `target_preprocess: [standardize]` does.

It prints, per run, nn's test figure (accuracy, or R2 averaged over the outputs) and scikit-learn's:
MLPClassifier / MLPRegressor (one hidden layer of 100 ReLU units, adam) with their defaults, and
with early_stopping=True holding out the share of the training rows nn's config holds out for
validation (nn's configs stop early too), each for random_state 0 to 4 (median, min and max: one
seed of a small MLP is a noisy figure); and a strong classical model (LogisticRegression; Ridge
with its alpha chosen by RidgeCV). Debian's python3-sklearn (1.2.1) and python3-yaml; nothing is
downloaded.
"""
import csv
import json
import os
import statistics
import sys
import warnings

import numpy as np
import yaml
from sklearn.compose import TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.metrics import accuracy_score, mean_absolute_error, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.preprocessing import StandardScaler

TABLES = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "nn-plugins", "src", "main", "resources", "dev", "nn",
    "plugins", "data", "tabular")
#: How many of each table's last columns are its targets (the rest are features).
TARGETS = {"iris": 1, "wine": 1, "breast_cancer": 1, "diabetes": 1, "linnerud": 3}
CLASSIFICATION = {"iris", "wine", "breast_cancer"}
SEEDS = range(5)


def table(name):
    with open(os.path.join(TABLES, name + ".csv"), newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    k = TARGETS[name]
    x = np.array([[float(v) for v in r[:-k]] for r in body])
    if name in CLASSIFICATION:
        y = np.array([r[-1] for r in body])
    else:
        y = np.array([[float(v) for v in r[-k:]] for r in body])
    return header, x, y


def dataset_name(config):
    dataset = config["data"]["dataset"]
    return dataset if isinstance(dataset, str) else next(iter(dataset))


def spread(values):
    return f"{statistics.median(values):.4f} (min {min(values):.4f}, max {max(values):.4f})"


def compare(run):
    with open(os.path.join(run, "config.yaml")) as f:
        config = yaml.safe_load(f)
    with open(os.path.join(run, "metrics.json")) as f:
        metrics = json.load(f)
    name = dataset_name(config)
    if name not in TARGETS:
        sys.exit(f"{run}: dataset {name!r} is not one of the bundled tables {sorted(TARGETS)}")
    header, x, y = table(name)
    with open(os.path.join(run, "predictions.csv"), newline="") as f:
        predictions = list(csv.DictReader(f))
    test = np.array([int(p["row"]) for p in predictions])
    train = np.setdiff1d(np.arange(len(x)), test)
    assert len(train) + len(test) == len(x), "predictions.csv names a row twice"
    # The rows nn says it tested on hold the targets nn says they do: the same split, not a lookalike.
    if name in CLASSIFICATION:
        assert all(y[r] == p["actual"] for r, p in zip(test, predictions)), "the test rows' classes differ"
    else:
        names = header[-TARGETS[name]:]
        actual = np.array([[float(p[n]) for n in names] for p in predictions])
        assert np.allclose(actual, y[test], rtol=1e-6), "the test rows' targets differ"
    scaler = StandardScaler().fit(x[train])
    xtr, xte = scaler.transform(x[train]), scaler.transform(x[test])
    print(f"{run}: {name}, {len(train)} training rows (nn's training and validation parts), {len(test)} test rows,"
          f" seed {config.get('seed')}")
    validation = float(config["data"].get("validation", 0.0)) or 0.1
    variants = [
        ("defaults", {}),
        (f"early_stopping, validation {validation:g}",
         {"early_stopping": True, "validation_fraction": validation, "n_iter_no_change": 20, "max_iter": 2000}),
    ]
    if name in CLASSIFICATION:
        print(f"  {'nn test accuracy':<52} {metrics['test']['accuracy']:.4f}")
        for label, options in variants:
            mlp = [accuracy_score(y[test], MLPClassifier(random_state=s, **options).fit(xtr, y[train]).predict(xte))
                   for s in SEEDS]
            print(f"  {'sklearn MLPClassifier ' + label:<52} {spread(mlp)}")
        linear = accuracy_score(y[test], LogisticRegression(max_iter=5000).fit(xtr, y[train]).predict(xte))
        print(f"  {'sklearn LogisticRegression':<52} {linear:.4f}")
        return
    ytr = y[train] if y.shape[1] > 1 else y[train].ravel()
    print(f"  {'nn test R2 (MAE)':<52} {metrics['test']['r2']:.4f} ({metrics['test']['mae']:.4g})")
    for label, options in variants:
        mlp_r2, mlp_mae = [], []
        for s in SEEDS:
            model = TransformedTargetRegressor(
                regressor=MLPRegressor(random_state=s, **options), transformer=StandardScaler())
            p = model.fit(xtr, ytr).predict(xte).reshape(len(test), -1)
            mlp_r2.append(r2_score(y[test], p))
            mlp_mae.append(mean_absolute_error(y[test], p))
        print(f"  {'sklearn MLPRegressor ' + label:<52} R2 {spread(mlp_r2)}, MAE median {statistics.median(mlp_mae):.4g}")
    ridge = RidgeCV(alphas=np.logspace(-3, 3, 13)).fit(xtr, ytr)
    p = ridge.predict(xte).reshape(len(test), -1)
    print(f"  {f'sklearn RidgeCV (alpha {ridge.alpha_:g})':<52} R2 {r2_score(y[test], p):.4f},"
          f" MAE {mean_absolute_error(y[test], p):.4g}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    warnings.filterwarnings("ignore", category=ConvergenceWarning)
    for run in sys.argv[1:]:
        compare(run)


if __name__ == "__main__":
    main()
