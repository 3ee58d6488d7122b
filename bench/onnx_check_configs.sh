#!/usr/bin/env bash
# Trains every shipped config (configs/**/*.yaml) for one epoch, exports its model with
# `nn export --format onnx`, and checks every export with ONNX's checker (bench/onnx_check.py,
# Debian's python3-onnx). Configs whose data is not installed (Fashion-MNIST under
# /usr/share/datasets) are skipped with a line saying so. Usage: bench/onnx_check_configs.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)}"
mkdir -p "$out"
for config in $(find configs -name '*.yaml' | sort); do
  name="$(basename "$config" .yaml)"
  if grep -q '/usr/share/datasets/' "$config" && ! ls /usr/share/datasets/fashion-mnist/*.gz >/dev/null 2>&1; then
    echo "skipped $config: its data set is not installed"
    continue
  fi
  bin/nn train "$config" --set train.epochs=1 --set 'report.plots=[]' --out "$out/runs/$name" >/dev/null
  bin/nn export "$out/runs/$name/model.zip" --format onnx --out "$out/$name.onnx"
done
/usr/bin/python3 bench/onnx_check.py "$out"
