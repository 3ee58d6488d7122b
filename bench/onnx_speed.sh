#!/usr/bin/env bash
# Inference speed, nn beside ONNX Runtime on the same 784-256-128-10 network: Network.predict (nn's
# engine on 2 threads) against OrtSession.run of its ONNX export (2 intra-op threads), latency at
# batch 1 and rows/s at batch 1024. A main in nn-onnx's test sources (dev.nn.onnx.InferenceBench),
# run on the class path surefire records for nn-onnx's tests (ONNX Runtime is a test dependency).
# Extra Maven options in MVN_ARGS (e.g. "-o -Dmaven.repo.local=..."); arguments go to the main:
# the activation (relu or gelu, default relu) and the seconds per figure (default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} -DskipTests install -pl nn-onnx -am
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} verify -pl nn-onnx -Djacoco.skip=true \
  -Dtest='OnnxExportTest#everyBuiltInLayerHasACase' -Dsurefire.failIfNoSpecifiedTests=false
report=nn-onnx/target/surefire-reports/TEST-dev.nn.onnx.OnnxExportTest.xml
cp="$(sed -n 's/.*name="surefire.test.class.path" value="\([^"]*\)".*/\1/p' "$report")"
uptime
java --add-modules jdk.incubator.vector -cp "$cp" dev.nn.onnx.InferenceBench "$@"
