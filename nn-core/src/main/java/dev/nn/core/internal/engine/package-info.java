/**
 * The compute engines nn-core supplies behind {@link dev.nn.api.Engine}: a cache-blocked float32
 * gemm and a parallel loop that split work by output, so results are bit-identical for any
 * thread count. {@link dev.nn.core.internal.engine.VectorEngine} runs on the Vector API and is the default
 * wherever the JVM has {@code --add-modules jdk.incubator.vector};
 * {@link dev.nn.core.internal.engine.ScalarEngine} is plain Java and runs on every JVM.
 */
package dev.nn.core.internal.engine;
