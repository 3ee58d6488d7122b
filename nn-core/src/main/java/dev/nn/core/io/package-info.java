/**
 * Model files: a trained {@link dev.nn.core.Network} with the preprocessing and provenance needed
 * to use it again, saved by {@link dev.nn.core.io.ModelFile#save} and loaded back as a
 * {@link dev.nn.core.io.SavedModel}.
 *
 * <p>A model file is a zip of two entries. {@code model.yaml} describes the network in the
 * pipeline's own schema (so its {@code model} section can be pasted into a config) together with
 * the class names, the fitted preprocessing and where the model came from. {@code params.bin}
 * holds the parameter values as named float32 arrays; its SHA-256 is recorded in
 * {@code model.yaml} and checked on load. Nothing is Java-serialized, and loading instantiates only
 * providers found in the plugin registry.
 */
package dev.nn.core.io;
