/**
 * JMH benchmarks of nn's engine and training step, and the Fashion-MNIST speed run, each the nn
 * side of a workload that {@code bench/compare.py} sets beside a PyTorch or OpenBLAS peer.
 *
 * <p>Not part of the runtime: the build compiles these classes and packages
 * {@code nn-bench/target/benchmarks.jar}, but runs none of them. See {@code bench/README.md}.
 */
package dev.nn.bench;
