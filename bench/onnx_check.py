#!/usr/bin/python3
"""Checks ONNX files that `nn export` wrote with the ONNX project's own checker.

Runs onnx.checker.check_model(model, full_check=True) (the structural checks and ONNX's shape
inference, which fails on a type or shape that does not fit an operator) on each file given, or on
every *.onnx file of a folder given, and prints one line per file: its IR version, opset, the
operators it uses and its inputs and outputs with their shapes. Exits 1 when any file fails.

Needs Debian's python3-onnx (onnx 1.12: apt-get install python3-onnx); not part of the build:

    /usr/bin/python3 bench/onnx_check.py FILE.onnx... | FOLDER...

bench/onnx_check_configs.sh trains every shipped config for an epoch, exports it and runs this.
"""
import pathlib
import sys

import onnx


def shape(value):
    dims = value.type.tensor_type.shape.dim
    return "[" + ", ".join(d.dim_param or str(d.dim_value) for d in dims) + "]"


def check(path):
    model = onnx.load(str(path))
    onnx.checker.check_model(model, full_check=True)
    opsets = ",".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
    ops = sorted({n.op_type for n in model.graph.node})
    inputs = " ".join(f"{i.name}{shape(i)}" for i in model.graph.input)
    outputs = " ".join(f"{o.name}{shape(o)}" for o in model.graph.output)
    return (f"OK {path}: IR {model.ir_version}, opset {opsets}, {len(model.graph.node)} nodes"
            f" ({' '.join(ops)}), inputs {inputs}, outputs {outputs}")


def main(args):
    if not args:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    files = []
    for arg in args:
        p = pathlib.Path(arg)
        files.extend(sorted(p.glob("*.onnx")) if p.is_dir() else [p])
    failed = 0
    print(f"onnx {onnx.__version__}")
    for f in files:
        try:
            print(check(f))
        except Exception as e:  # the checker's own exceptions, and files that are not ONNX at all
            failed += 1
            print(f"FAIL {f}: {type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")
    print(f"{len(files) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
