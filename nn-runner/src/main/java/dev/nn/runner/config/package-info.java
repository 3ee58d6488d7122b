/**
 * Pipeline configs: YAML files read safely into checked records ({@link dev.nn.runner.config.ConfigLoader}
 * → {@link dev.nn.runner.config.PipelineConfig}), {@code --set} overrides, errors that point at
 * {@code file:line:col}, and the JSON Schema of the format for editors
 * ({@link dev.nn.runner.config.SchemaGenerator}).
 *
 * <p>YAML is only a front end: components are checked by the same plugin registry the Java builder
 * uses, and the records hold the same specs the builder takes.
 */
package dev.nn.runner.config;
