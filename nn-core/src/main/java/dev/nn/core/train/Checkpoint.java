package dev.nn.core.train;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.core.ModelFile;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.io.ModelArchive.Remedies;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.io.ParamsBin;
import dev.nn.core.registry.PluginRegistry;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A training run saved so it can be resumed: a network with its {@link TrainingState}.
 *
 * <p>A checkpoint is a model file ({@link ModelFile}: {@code model.yaml} with the network, the
 * resolved config and provenance, and {@code params.bin} with the current parameters) with the
 * training state's entries ({@link CheckpointFormat}). Because it is a model file, {@code nn
 * predict} and {@code nn info} read a checkpoint too.
 *
 * <p>Saving is atomic like a model file's: a reader, or a process killed at any moment, finds the
 * previous checkpoint or the new one, never a mix. Loading checks every entry before returning.
 */
public final class Checkpoint {
    /** The training state format this nn writes, and the newest it reads. */
    public static final int FORMAT_VERSION = CheckpointFormat.FORMAT_VERSION;
    /** The checkpoint's name in a run folder. */
    public static final String FILE_NAME = "checkpoint.zip";
    /**
     * What a checkpoint's messages say to do: nn wrote it during a run, so a damaged one is not
     * saved again but replaced by another or by training again.
     */
    static final Remedies REMEDIES = new Remedies(
            "resume from another checkpoint or train again", "pass the folder of a run that kept a checkpoint.zip");

    private final Path file;
    private final SavedModel model;
    private final TrainingState state;

    private Checkpoint(Path file, SavedModel model, TrainingState state) {
        this.file = file;
        this.model = model;
        this.state = state;
    }

    /** {@return the network, its parameters when the checkpoint was saved and its provenance (the resolved config among it)} */
    public SavedModel model() {
        return model;
    }

    /** {@return where training stood} */
    public TrainingState state() {
        return state;
    }

    /**
     * A {@link CheckpointWriter} that saves to {@code file} with {@code info} as the model's
     * provenance (its {@code created} becomes the time of each save).
     *
     * @param file where to keep the checkpoint
     * @param info how the model is made
     * @return the writer
     */
    public static CheckpointWriter writer(Path file, ModelInfo info) {
        return (network, state) -> save(network, state, info, file);
    }

    /**
     * Saves {@code net}'s parameters and {@code state} to {@code file}, replacing it atomically.
     *
     * @throws IOException when the file cannot be written; the previous checkpoint is then intact
     * @param net   the network
     * @param state where training is
     * @param info  how the model is made
     * @param file  the checkpoint file
     */
    public static void save(Network net, TrainingState state, ModelInfo info, Path file) throws IOException {
        List<ParamsBin.Named> parameters = ModelFile.namedParameters(net);
        ModelFile.save(
                net,
                info.withCreated(Instant.now().toString()),
                file,
                zip -> CheckpointFormat.write(zip, parameters, kept(net), state));
    }

    /**
     * {@return true when {@code file} is a zip holding a checkpoint's training state (checked no further)}
     *
     * @param file any file
     */
    public static boolean isCheckpoint(Path file) {
        if (InputFiles.problem(file, "a checkpoint") != null) {
            return false;
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry(CheckpointFormat.TRAINING_ENTRY) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads a checkpoint with the providers on the classpath, computing with all processors.
     *
     * @return the checkpoint
     * @param file the checkpoint file
     * @throws IOException if it cannot be read
     */
    public static Checkpoint load(Path file) throws IOException {
        return load(file, PluginRegistry.defaultRegistry(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Loads and checks a checkpoint, rebuilding its network with {@code registry}'s providers.
     *
     * @throws ConfigException naming the file when it is missing, not a checkpoint (a model file, or
     *                         not nn's at all), damaged, modified, or from a newer nn
     * @throws IOException     when the file cannot be read
     * @param file     the checkpoint file
     * @param registry resolves the network's components
     * @param threads  the engine's thread count
     * @return the checkpoint
     */
    public static Checkpoint load(Path file, PluginRegistry registry, int threads) throws IOException {
        SavedModel model = ModelFile.load(file, registry, threads, REMEDIES);
        String where = file.toString();
        String training = CheckpointFormat.TRAINING_ENTRY;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(training);
            if (entry == null) {
                throw new ConfigException(
                        where,
                        "a model file, not a checkpoint: it has no " + training
                                + "; resume from the checkpoint.zip a run with train.checkpoint: true keeps");
            }
            Network net = model.network();
            TrainingState state = CheckpointFormat.read(zip, entry, ModelFile.namedParameters(net), kept(net), file);
            return new Checkpoint(file, model, state);
        } catch (ZipException | EOFException e) {
            throw new ConfigException(
                    where, training + " in the zip is damaged (" + e.getMessage() + ")" + CheckpointFormat.DAMAGED, e);
        }
    }

    /**
     * Copies the checkpoint's parameters and buffers into {@code net}, which must be the same network (built
     * from the same config): the first step before {@code Trainer.resume}.
     *
     * @throws ConfigException naming the checkpoint when the networks' parameters differ
     * @param net the network to restore into
     */
    public void restore(Network net) {
        List<ParamsBin.Named> saved = kept(model.network());
        List<ParamsBin.Named> into = kept(net);
        List<String> savedShapes =
                saved.stream().map(n -> n.name() + " " + n.value().shape()).toList();
        List<String> intoShapes =
                into.stream().map(n -> n.name() + " " + n.value().shape()).toList();
        if (!savedShapes.equals(intoShapes)) {
            throw new ConfigException(
                    file.toString(),
                    "the checkpoint's network has the parameters " + savedShapes + " but the network to resume has "
                            + intoShapes + "; resume with the config the checkpoint was made with");
        }
        for (int i = 0; i < saved.size(); i++) {
            into.get(i).value().copyFrom(saved.get(i).value());
        }
    }

    /** What a checkpoint keeps of a network: its parameters, then its buffers (running statistics). */
    private static List<ParamsBin.Named> kept(Network net) {
        List<ParamsBin.Named> kept = new ArrayList<>(ModelFile.namedParameters(net));
        kept.addAll(ModelFile.namedBuffers(net));
        return kept;
    }
}
