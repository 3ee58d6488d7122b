package dev.nn.core;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Layer;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.io.ModelArchive;
import dev.nn.core.io.ModelArchive.Remedies;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.io.ParamsBin;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Saves a trained network to a model file and loads it back. The file format is
 * {@link ModelArchive}'s; this class turns a {@link Network} into what the file holds and back.
 *
 * <p>Saving never leaves a half-written file: either the whole new file is there afterwards or, on
 * any failure, the previous one is untouched. Loading checks everything before returning: a file
 * that is not a model, is damaged, was modified or needs a newer nn is a {@link ConfigException}
 * naming the file, never a partly loaded model. Loading rebuilds the network through the plugin
 * registry, so it instantiates only registered providers.
 */
public final class ModelFile {
    /** The format this nn writes, and the newest it reads. */
    public static final int FORMAT_VERSION = ModelArchive.FORMAT_VERSION;

    private ModelFile() {}

    /**
     * Saves {@code net} with {@code info} to {@code file}, replacing it if it exists. Either the
     * whole new file is there afterwards or, on any failure, the previous one is untouched.
     *
     * @throws IllegalArgumentException when {@code info.seed()} is not the network's seed, its
     *                                  preprocessing was fitted on another number of features than the
     *                                  network takes (or targets than it gives), its target scaling is not
     *                                  the network's, or a layer option or the config holds a value a model
     *                                  file cannot hold
     * @throws IOException              when the file cannot be written
     * @param net  the network
     * @param info how it was made
     * @param file the model file
     */
    public static void save(Network net, ModelInfo info, Path file) throws IOException {
        save(net, info, file, zip -> {});
    }

    /**
     * {@link #save}, with {@code extra} writing entries of its own into the same atomic file (a
     * checkpoint's training state).
     *
     * @throws IllegalArgumentException as {@link #save(Network, ModelInfo, Path)} does
     * @throws IOException              when the file cannot be written
     * @param net   the network
     * @param info  how it was made
     * @param file  the model file
     * @param extra more entries
     */
    public static void save(Network net, ModelInfo info, Path file, ModelArchive.Entries extra) throws IOException {
        if (info.seed() != net.seed()) {
            throw new IllegalArgumentException(
                    "the model info says seed " + info.seed() + " but the network was built with seed " + net.seed()
                            + "; record the seed the network was built with");
        }
        // Preprocessing for another number of features would make a file that cannot be loaded.
        info.preprocessing().requireFeatures(net.inputSize());
        info.preprocessing().requireTargets(net.outputSize());
        // A network trained on scaled targets predicts in the targets' units only with its scaling.
        if (!info.preprocessing().targetSteps().equals(net.targetScaling())) {
            throw new IllegalArgumentException("the network was trained with the target scaling "
                    + kinds(net.targetScaling()) + " but the model info records "
                    + kinds(info.preprocessing().targetSteps())
                    + "; record the network's (its preprocessing().targetSteps())");
        }
        ModelArchive.write(
                file,
                new ModelArchive.Contents(
                        net.inputSize(),
                        net.layerSpecs(),
                        net.lossSpec(),
                        namedParameters(net),
                        namedBuffers(net),
                        info),
                extra);
    }

    private static String kinds(List<dev.nn.api.FeatureTransform> steps) {
        return steps.isEmpty()
                ? "none"
                : steps.stream().map(dev.nn.api.FeatureTransform::kind).toList().toString();
    }

    /**
     * Loads a model with the providers on the classpath, computing with all processors.
     *
     * @return the model
     * @param file the model file
     * @throws IOException if it cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        return load(file, PluginRegistry.defaultRegistry(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads a model file, rebuilding its network with {@code registry}'s providers and an engine of
     * {@code threads} threads.
     *
     * @throws ConfigException when the file is not an nn model file, is damaged or modified, needs a
     *                         newer nn, or names a provider {@code registry} does not have; its
     *                         {@code where} is the file
     * @throws IOException     when the file cannot be read (permissions, disk errors)
     * @param file     the model file
     * @param registry resolves the network's components
     * @param threads  the engine's thread count
     * @return the model
     */
    public static SavedModel load(Path file, PluginRegistry registry, int threads) throws IOException {
        return load(file, registry, threads, Remedies.MODEL);
    }

    /**
     * {@link #load(Path, PluginRegistry, int)}, its messages about a damaged or foreign file ending
     * in {@code remedies} (a checkpoint's own).
     *
     * @throws ConfigException as {@link #load(Path, PluginRegistry, int)} does
     * @throws IOException     when the file cannot be read
     * @param file     the model file or checkpoint
     * @param registry resolves the network's components
     * @param threads  the engine's thread count
     * @param remedies what messages about a damaged or foreign file end with
     * @return the model
     */
    public static SavedModel load(Path file, PluginRegistry registry, int threads, Remedies remedies)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        ModelArchive.Contents contents = ModelArchive.read(file, registry, remedies);
        Network net = build(contents, registry, threads, file, remedies);
        copyArrays(contents.parameters(), namedParameters(net), "parameter", file, remedies);
        copyArrays(contents.buffers(), namedBuffers(net), "buffer", file, remedies);
        int targets = contents.info().preprocessing().targets();
        if (targets >= 0 && targets != net.outputSize()) {
            throw new ConfigException(
                    file.toString(),
                    "model.yaml: target_preprocess is for " + targets + " targets but the network has "
                            + net.outputSize() + " outputs; the file is inconsistent (was model.yaml edited?): "
                            + remedies.damaged());
        }
        return new SavedModel(net, contents.info(), contents.formatVersion());
    }

    private static Network build(
            ModelArchive.Contents contents, PluginRegistry registry, int threads, Path file, Remedies remedies) {
        try {
            Network.Builder builder = Network.builder(contents.inputSize())
                    .registry(registry)
                    .threads(threads)
                    .path("model");
            for (Spec spec : contents.layers()) {
                builder.add(spec);
            }
            return builder.loss(contents.loss()).seed(contents.info().seed()).build();
        } catch (ConfigException e) {
            if (e.problems().stream().allMatch(p -> p.where().equals(file.toString()))) {
                throw e;
            }
            List<Problem> problems = new ArrayList<>();
            for (Problem p : e.problems()) {
                problems.add(new Problem(file.toString(), "model.yaml " + p));
            }
            throw new ConfigException(problems);
        } catch (RuntimeException e) {
            // A provider that fails on options model.yaml gives it (edited by hand, or from another version of a
            // plugin).
            throw new ConfigException(
                    file.toString(),
                    "model.yaml describes a network that cannot be built (" + e + "); " + remedies.damaged(),
                    e);
        }
    }

    private static void copyArrays(
            List<ParamsBin.Named> arrays, List<ParamsBin.Named> needed, String kind, Path file, Remedies remedies) {
        for (int i = 0; i < Math.max(needed.size(), arrays.size()); i++) {
            ParamsBin.Named need = i < needed.size() ? needed.get(i) : null;
            ParamsBin.Named have = i < arrays.size() ? arrays.get(i) : null;
            if (need == null
                    || have == null
                    || !need.name().equals(have.name())
                    || !need.value().sameShape(have.value())) {
                throw new ConfigException(
                        file.toString(),
                        "the network described in model.yaml needs "
                                + (need == null
                                        ? "no " + kind + " " + (i + 1)
                                        : need.name() + " " + need.value().shape())
                                + " but params.bin holds "
                                + (have == null
                                        ? "no " + kind + " " + (i + 1)
                                        : have.name() + " " + have.value().shape())
                                + "; the file is inconsistent (was model.yaml edited?): " + remedies.damaged());
            }
        }
        for (int i = 0; i < needed.size(); i++) {
            needed.get(i).value().copyFrom(arrays.get(i).value());
        }
    }

    /**
     * {@return every parameter of {@code net} under its model-file name ({@code layers[0].weights}), in order}
     *
     * @param net the network
     */
    public static List<ParamsBin.Named> namedParameters(Network net) {
        return named(net, Layer::parameters);
    }

    /**
     * {@return every buffer of {@code net} (see {@code Layer.buffers}) under its model-file name
     * ({@code layers[1].running_mean}), in order}
     *
     * @param net the network
     */
    public static List<ParamsBin.Named> namedBuffers(Network net) {
        return named(net, Layer::buffers);
    }

    private static List<ParamsBin.Named> named(Network net, Function<Layer, List<Parameter>> arrays) {
        List<ParamsBin.Named> named = new ArrayList<>();
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : arrays.apply(layers.get(i))) {
                named.add(new ParamsBin.Named("layers[" + i + "]." + p.name(), p.value()));
            }
        }
        return named;
    }
}
