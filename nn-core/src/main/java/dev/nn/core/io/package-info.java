/**
 * The file formats, knowing nothing of {@code Network} or training: {@link dev.nn.core.io.ModelArchive}
 * writes and reads a model file's contents (a network's description, its parameters as named
 * arrays, the fitted preprocessing and the provenance in {@link dev.nn.core.io.ModelInfo}), and
 * {@link dev.nn.core.io.AtomicFile} is how nn writes any file someone may be reading.
 * {@code dev.nn.core.ModelFile} builds a network from a model file's contents, and
 * {@code dev.nn.core.train.Checkpoint} adds a training state to them.
 *
 * <p>A model file is a zip of two entries. {@code model.yaml} describes the network in the
 * pipeline's own schema (so its {@code model} section can be pasted into a config) together with
 * the class names, the fitted preprocessing and where the model came from. {@code params.bin}
 * holds the parameter values as named float32 arrays; its SHA-256 is recorded in
 * {@code model.yaml} and checked on load. Nothing is Java-serialized, and loading instantiates only
 * providers found in the plugin registry.
 */
package dev.nn.core.io;
