#!/usr/bin/python3
"""scikit-learn's regression metrics on a saved prediction matrix, for nn's RegressionEvaluationTest.

Run with Debian's python3-sklearn (1.2.1):  /usr/bin/python3 tools/regression-golden/golden.py

It writes nn-core/src/test/resources/regression/predictions.csv (300 rows: the actual and predicted
values of 3 outputs, every value a float32 written exactly) and prints sklearn's figures on it, per
output and averaged, which the test holds as constants: the test needs no Python.
"""
import os

import numpy as np
from sklearn.metrics import explained_variance_score, mean_absolute_error, mean_squared_error, r2_score

OUT = os.path.join(
    os.path.dirname(__file__), "..", "..", "nn-core", "src", "test", "resources", "regression", "predictions.csv")
ROWS = 300
NAMES = ["price", "rooms", "age"]


def matrix():
    rng = np.random.default_rng(20260416)
    # Three outputs on different scales, with the failures a real model has: noise (price), an
    # offset nn's R² sees but explained variance forgives (rooms), a scale error (age).
    actual = np.empty((ROWS, 3))
    actual[:, 0] = rng.normal(250_000, 60_000, ROWS)
    actual[:, 1] = rng.integers(1, 8, ROWS)
    actual[:, 2] = rng.uniform(0, 120, ROWS)
    predicted = np.empty((ROWS, 3))
    predicted[:, 0] = actual[:, 0] + rng.normal(0, 25_000, ROWS)
    predicted[:, 1] = actual[:, 1] + 0.6 + rng.normal(0, 0.8, ROWS)
    predicted[:, 2] = 0.7 * actual[:, 2] + 10 + rng.normal(0, 15, ROWS)
    # float32, as nn holds them; float64 from there on, as sklearn computes.
    return actual.astype(np.float32).astype(np.float64), predicted.astype(np.float32).astype(np.float64)


def main():
    actual, predicted = matrix()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(",".join(NAMES + [n + "_predicted" for n in NAMES]) + "\n")
        for a, p in zip(actual, predicted):
            # repr of a float32's float64 value: Java's Float.parseFloat gives the same float back.
            f.write(",".join(repr(float(v)) for v in list(a) + list(p)) + "\n")
    raw = "raw_values"
    print("// sklearn", __import__("sklearn").__version__, "on", os.path.relpath(OUT), f"({ROWS} rows, 3 outputs)")
    for name, f in [
        ("R2", r2_score),
        ("MAE", mean_absolute_error),
        ("MSE", mean_squared_error),
        ("EXPLAINED_VARIANCE", explained_variance_score),
    ]:
        print(f"private static final double[] {name} = {{{', '.join(repr(float(v)) for v in f(actual, predicted, multioutput=raw))}}};")
        print(f"private static final double {name}_AVERAGE = {float(f(actual, predicted))!r};")
    rmse = mean_squared_error(actual, predicted, multioutput=raw, squared=False)
    print(f"private static final double[] RMSE = {{{', '.join(repr(float(v)) for v in rmse)}}};")
    print(f"private static final double RMSE_AVERAGE = {float(mean_squared_error(actual, predicted, squared=False))!r};")
    print(f"private static final double R2_VARIANCE_WEIGHTED = "
          f"{float(r2_score(actual, predicted, multioutput='variance_weighted'))!r};")


if __name__ == "__main__":
    main()
