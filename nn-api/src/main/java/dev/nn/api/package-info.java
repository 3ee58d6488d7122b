/**
 * The contract of nn for plugin authors: the value types ({@link dev.nn.api.Matrix},
 * {@link dev.nn.api.Dataset}, {@link dev.nn.api.Spec}), the runtime interfaces a component
 * implements ({@link dev.nn.api.Layer}, {@link dev.nn.api.Loss}, {@link dev.nn.api.Optimizer},
 * {@link dev.nn.api.Initializer}, {@link dev.nn.api.Schedule}, {@link dev.nn.api.Engine}) and the
 * provider interfaces that {@link java.util.ServiceLoader} finds ({@link dev.nn.api.LayerProvider}
 * and its siblings). This package depends on nothing but the JDK.
 */
package dev.nn.api;
