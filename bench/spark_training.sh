#!/usr/bin/env bash
# Training on Spark, local[2]: nn-spark (local_steps 1 and 8) against MLlib's
# MultilayerPerceptronClassifier on its architecture (784-128-10, sigmoid, softmax) and against nn on
# one machine, on Fashion-MNIST (Debian's dataset-fashion-mnist). A main in nn-spark's test sources
# (dev.nn.spark.TrainingBench), run on the class path surefire records for nn-spark's tests. Extra
# Maven options in MVN_ARGS (e.g. "-o"); arguments go to the main: nn, mllib or all, then MLlib's
# time budget per solver in seconds.
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
SPARK_LOCAL_IP=127.0.0.1 java --add-modules jdk.incubator.vector $spark_args -cp "$cp" dev.nn.spark.TrainingBench "$@"
