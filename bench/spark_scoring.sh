#!/usr/bin/env bash
# Scoring on Spark, local[2]: rows/s of nn-spark's NnModel.transform against MLlib's
# MultilayerPerceptronClassificationModel.transform on the same cached DataFrame (Fashion-MNIST's
# test images when Debian's dataset-fashion-mnist is installed, digits otherwise), same
# architecture. A main in nn-spark's test sources (dev.nn.spark.ScoringBench), run on the class
# path surefire records for nn-spark's tests. Extra Maven options in MVN_ARGS (e.g. "-o
# -Dmaven.repo.local=..."); arguments go to the main (the number of timed runs, default 5).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} -DskipTests install -pl nn-spark -am
# shellcheck disable=SC2086
./mvnw -B -ntp -q ${MVN_ARGS:-} verify -pl nn-spark -Djacoco.skip=true \
  -Dtest='OneLoggingBackendTest#slf4jHasOneProviderLogback' -Dsurefire.failIfNoSpecifiedTests=false
report=nn-spark/target/surefire-reports/TEST-dev.nn.spark.OneLoggingBackendTest.xml
cp="$(sed -n 's/.*name="surefire.test.class.path" value="\([^"]*\)".*/\1/p' "$report")"
spark_args="$(sed -n 's:.*<spark.jvm.args>\(.*\)</spark.jvm.args>.*:\1:p' nn-spark/pom.xml)"
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 java --add-modules jdk.incubator.vector $spark_args -cp "$cp" dev.nn.spark.ScoringBench "$@"
