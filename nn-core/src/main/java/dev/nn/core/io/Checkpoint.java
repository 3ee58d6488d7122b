package dev.nn.core.io;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.api.Matrix;
import dev.nn.api.OptimizerState;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.CheckpointWriter;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.TrainingState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UTFDataFormatException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A training run saved so it can be resumed: the one place that knows the checkpoint format.
 *
 * <p>A checkpoint is a model file ({@link ModelFile}: {@code model.yaml} with the network, the
 * resolved config and provenance, and {@code params.bin} with the current parameters) with three
 * more entries: {@code training.bin}, the {@link TrainingState} (position, history, early
 * stopping's bookkeeping, the optimizer's scalars, the learning rate) ending in the SHA-256 of
 * everything before it and recording the SHA-256 of the other two; {@code optimizer.bin}, the
 * optimizer's arrays, named {@code layers[i].weights/first}; and {@code best.bin}, early stopping's
 * best weights when it keeps them, named as the parameters. The two {@code .bin} entries have the
 * layout of {@code params.bin}. Because it is a model file, {@code nn predict} and {@code nn info}
 * read a checkpoint too.
 *
 * <p>{@code training.bin}, every number big-endian:
 * <pre>
 *   magic "NNTRAIN1", int32 format version
 *   int64 seed; int32 epochs, batch size, examples, epoch, batch
 *   float64 partial loss sum; int64 partial correct; float64 partial seconds; float64 seconds; float64 learning rate
 *   int32 epochs recorded, each: int32 epoch, float64 loss, accuracy, val_loss, val_accuracy, learning rate, seconds
 *   float64 best value; int32 best epoch, epochs since best; bool stopped; bool best weights kept
 *   int32 optimizer scalars, each: UTF name, float64 value
 *   int32 parameters, each: int32 scalars, each UTF name + float64; int32 arrays, each UTF name
 *   32 bytes SHA-256 of optimizer.bin; 32 bytes SHA-256 of best.bin (zeros when absent)
 *   32 bytes SHA-256 of all the bytes above
 * </pre>
 *
 * <p>Saving is atomic like a model file's: a reader, or a process killed at any moment, finds the
 * previous checkpoint or the new one, never a mix. Loading checks every entry before returning.
 */
public final class Checkpoint {
    /** The training state format this nn writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;
    /** The checkpoint's name in a run folder. */
    public static final String FILE_NAME = "checkpoint.zip";

    private static final String TRAINING_ENTRY = "training.bin";
    private static final String OPTIMIZER_ENTRY = "optimizer.bin";
    private static final String BEST_ENTRY = "best.bin";
    private static final byte[] MAGIC = "NNTRAIN1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int SHA_BYTES = 32;
    /** Far more than any history needs (a million epochs); a larger entry is not one of ours. */
    private static final int MAX_TRAINING_BYTES = 64 * 1024 * 1024;
    private static final String DAMAGED = "; the checkpoint is damaged: resume from another or train again";

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
        ModelInfo now = new ModelInfo(info.classNames(), info.transforms(), info.config(), info.nnVersion(), info.seed(),
                info.engine(), info.dataChecksum(), Instant.now().toString());
        List<ParamsBin.Named> parameters = ModelFile.namedParameters(net);
        if (parameters.size() != state.optimizer().parameters().size()) {
            throw new IllegalArgumentException("the optimizer state is for " + state.optimizer().parameters().size()
                    + " parameters but the network has " + parameters.size());
        }
        ModelFile.save(net, now, file, zip -> {
            byte[] optimizerSha = writeEntry(zip, OPTIMIZER_ENTRY, optimizerArrays(parameters, state.optimizer()));
            byte[] bestSha = new byte[SHA_BYTES];
            if (!state.stopping().bestWeights().isEmpty()) {
                List<ParamsBin.Named> best = new ArrayList<>();
                for (int i = 0; i < parameters.size(); i++) {
                    Matrix shape = parameters.get(i).value();
                    best.add(new ParamsBin.Named(parameters.get(i).name(),
                            Matrix.wrap(shape.rows(), shape.cols(), state.stopping().bestWeights().get(i))));
                }
                bestSha = writeEntry(zip, BEST_ENTRY, best);
            }
            zip.putNextEntry(ModelFile.entry(TRAINING_ENTRY));
            zip.write(trainingBytes(state, optimizerSha, bestSha));
            zip.closeEntry();
        });
    }

    private static List<ParamsBin.Named> optimizerArrays(List<ParamsBin.Named> parameters, OptimizerState optimizer) {
        List<ParamsBin.Named> arrays = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            for (Map.Entry<String, float[]> e : optimizer.parameters().get(i).arrays().entrySet()) {
                arrays.add(new ParamsBin.Named(parameters.get(i).name() + "/" + e.getKey(),
                        Matrix.wrap(1, e.getValue().length, e.getValue())));
            }
        }
        return arrays;
    }

    /** Writes {@code arrays} as entry {@code name} in the params.bin layout and returns its SHA-256. */
    private static byte[] writeEntry(ZipOutputStream zip, String name, List<ParamsBin.Named> arrays) throws IOException {
        MessageDigest sha = ModelFile.sha256();
        zip.putNextEntry(ModelFile.entry(name));
        ParamsBin.write(arrays, new DigestOutputStream(zip, sha));
        zip.closeEntry();
        return sha.digest();
    }

    private static byte[] trainingBytes(TrainingState s, byte[] optimizerSha, byte[] bestSha) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageDigest sha = ModelFile.sha256();
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(bytes, sha));
        out.write(MAGIC);
        out.writeInt(FORMAT_VERSION);
        out.writeLong(s.seed());
        out.writeInt(s.epochs());
        out.writeInt(s.batchSize());
        out.writeInt(s.examples());
        out.writeInt(s.epoch());
        out.writeInt(s.batch());
        out.writeDouble(s.partial().lossSum());
        out.writeLong(s.partial().correct());
        out.writeDouble(s.partial().seconds());
        out.writeDouble(s.seconds());
        out.writeDouble(s.learningRate());
        out.writeInt(s.history().size());
        for (EpochStats e : s.history()) {
            out.writeInt(e.epoch());
            for (double v : new double[] {e.loss(), e.accuracy(), e.validationLoss(), e.validationAccuracy(),
                    e.learningRate(), e.seconds()}) {
                out.writeDouble(v);
            }
        }
        TrainingState.Stopping stopping = s.stopping();
        out.writeDouble(stopping.bestValue());
        out.writeInt(stopping.bestEpoch());
        out.writeInt(stopping.sinceBest());
        out.writeBoolean(stopping.stopped());
        out.writeBoolean(!stopping.bestWeights().isEmpty());
        writeScalars(out, s.optimizer().scalars());
        out.writeInt(s.optimizer().parameters().size());
        for (OptimizerState.ParameterState p : s.optimizer().parameters()) {
            writeScalars(out, p.scalars());
            out.writeInt(p.arrays().size());
            for (String key : p.arrays().keySet()) {
                out.writeUTF(key);
            }
        }
        out.write(optimizerSha);
        out.write(bestSha);
        out.flush();
        bytes.write(sha.digest());
        return bytes.toByteArray();
    }

    private static void writeScalars(DataOutputStream out, Map<String, Double> scalars) throws IOException {
        out.writeInt(scalars.size());
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
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
            return zip.getEntry(TRAINING_ENTRY) != null;
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
        SavedModel model = asCheckpoint(() -> ModelFile.load(file, registry, threads));
        String where = file.toString();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry training = zip.getEntry(TRAINING_ENTRY);
            if (training == null) {
                throw new ConfigException(where, "a model file, not a checkpoint: it has no " + TRAINING_ENTRY
                        + "; resume from the checkpoint.zip a run with train.checkpoint: true keeps");
            }
            List<ParamsBin.Named> parameters = ModelFile.namedParameters(model.network());
            Reader reader = new Reader(readTraining(zip, training, file), file);
            TrainingState state = reader.state(zip, parameters);
            return new Checkpoint(file, model, state);
        } catch (ZipException | EOFException e) {
            throw new ConfigException(where, TRAINING_ENTRY + " in the zip is damaged (" + e.getMessage() + ")" + DAMAGED, e);
        }
    }

    /** Reading the model part of a checkpoint, which may fail as a model file does. */
    private interface ModelRead {
        SavedModel read() throws IOException;
    }

    /**
     * Runs {@code read}, giving its problems a checkpoint's remedies: a damaged model file is saved
     * again, a damaged checkpoint is not (nn wrote it during a run), so it says to resume from
     * another or train again.
     */
    private static SavedModel asCheckpoint(ModelRead read) throws IOException {
        try {
            return read.read();
        } catch (ConfigException e) {
            List<ConfigException.Problem> problems = new ArrayList<>();
            for (ConfigException.Problem p : e.problems()) {
                problems.add(new ConfigException.Problem(p.where(), p.message()
                        .replace(ModelFile.SAVE_AGAIN, "resume from another checkpoint or train again")
                        .replace(ModelFile.PASS_A_MODEL, "pass the folder of a run that kept a checkpoint.zip")));
            }
            ConfigException mapped = new ConfigException(problems);
            mapped.initCause(e);
            throw mapped;
        }
    }

    /** training.bin's bytes, after its zip CRC and its own SHA-256 trailer are checked. */
    private static byte[] readTraining(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(MAX_TRAINING_BYTES + 1);
        }
        if (bytes.length > MAX_TRAINING_BYTES) {
            throw new ConfigException(file.toString(), TRAINING_ENTRY + " is larger than " + MAX_TRAINING_BYTES / (1024 * 1024)
                    + " MB, so nn did not write it" + DAMAGED);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ModelFile.checkIntact(entry, crc.getValue(), bytes.length, file);
        if (bytes.length < MAGIC.length + 4 + SHA_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ConfigException(file.toString(), TRAINING_ENTRY + " does not start with NNTRAIN1, so nn did not write it"
                    + DAMAGED);
        }
        int format = (bytes[8] & 0xff) << 24 | (bytes[9] & 0xff) << 16 | (bytes[10] & 0xff) << 8 | (bytes[11] & 0xff);
        if (format > FORMAT_VERSION || format < 1) {
            throw new ConfigException(file.toString(), "written by a newer nn (checkpoint format " + format
                    + "); this nn reads format " + FORMAT_VERSION + ": upgrade nn, or train again");
        }
        MessageDigest sha = ModelFile.sha256();
        sha.update(bytes, 0, bytes.length - SHA_BYTES);
        if (!Arrays.equals(sha.digest(), 0, SHA_BYTES, bytes, bytes.length - SHA_BYTES, bytes.length)) {
            throw new ConfigException(file.toString(), TRAINING_ENTRY + " does not match its checksum: the checkpoint is"
                    + " damaged or was modified; resume from another or train again");
        }
        return Arrays.copyOf(bytes, bytes.length - SHA_BYTES);
    }

    /**
     * Copies the checkpoint's parameters into {@code net}, which must be the same network (built
     * from the same config): the first step before {@code Trainer.resume}.
     *
     * @throws ConfigException naming the checkpoint when the networks' parameters differ
     * @param net the network to restore into
     */
    public void restore(Network net) {
        List<ParamsBin.Named> saved = ModelFile.namedParameters(model.network());
        List<ParamsBin.Named> into = ModelFile.namedParameters(net);
        List<String> savedShapes = saved.stream().map(n -> n.name() + " " + n.value().shape()).toList();
        List<String> intoShapes = into.stream().map(n -> n.name() + " " + n.value().shape()).toList();
        if (!savedShapes.equals(intoShapes)) {
            throw new ConfigException(file.toString(), "the checkpoint's network has the parameters " + savedShapes
                    + " but the network to resume has " + intoShapes + "; resume with the config the checkpoint was made with");
        }
        for (int i = 0; i < saved.size(); i++) {
            into.get(i).value().copyFrom(saved.get(i).value());
        }
    }

    /** Reads training.bin (checksum already verified), checking every count against what is left. */
    private static final class Reader {
        private final DataInputStream in;
        private final int size;
        private final Path file;
        private final ByteArrayInputStream bytes;

        Reader(byte[] content, Path file) {
            this.bytes = new ByteArrayInputStream(content);
            this.in = new DataInputStream(bytes);
            this.size = content.length;
            this.file = file;
        }

        private ConfigException damaged(String what) {
            return new ConfigException(file.toString(), TRAINING_ENTRY + " " + what + DAMAGED);
        }

        /** A count of records of at least {@code recordBytes} each, which must fit in what is left. */
        private int count(int recordBytes, String what) throws IOException {
            int n = in.readInt();
            if (n < 0 || (long) n * recordBytes > bytes.available()) {
                throw damaged("declares " + n + " " + what + ", impossible in its " + size + " bytes");
            }
            return n;
        }

        TrainingState state(ZipFile zip, List<ParamsBin.Named> parameters) throws IOException {
            try {
                in.skipNBytes(MAGIC.length + 4);
                long seed = in.readLong();
                int epochs = in.readInt();
                int batchSize = in.readInt();
                int examples = in.readInt();
                int epoch = in.readInt();
                int batch = in.readInt();
                TrainingState.PartialEpoch partial = new TrainingState.PartialEpoch(in.readDouble(), in.readLong(),
                        in.readDouble());
                double seconds = in.readDouble();
                double learningRate = in.readDouble();
                int recorded = count(4 + 6 * 8, "epochs of history");
                List<EpochStats> history = new ArrayList<>(recorded);
                for (int i = 0; i < recorded; i++) {
                    history.add(new EpochStats(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                            in.readDouble(), in.readDouble(), in.readDouble()));
                }
                double bestValue = in.readDouble();
                int bestEpoch = in.readInt();
                int sinceBest = in.readInt();
                boolean stopped = in.readBoolean();
                boolean bestKept = in.readBoolean();
                Map<String, Double> scalars = scalars();
                int count = count(8, "optimizer parameters");
                if (count != parameters.size()) {
                    throw damaged("has optimizer state for " + count + " parameters but the network has " + parameters.size());
                }
                List<Map<String, Double>> parameterScalars = new ArrayList<>();
                List<List<String>> keys = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    parameterScalars.add(scalars());
                    int arrays = count(2, "optimizer arrays");
                    List<String> names = new ArrayList<>();
                    for (int a = 0; a < arrays; a++) {
                        names.add(in.readUTF());
                    }
                    keys.add(names);
                }
                byte[] optimizerSha = in.readNBytes(SHA_BYTES);
                byte[] bestSha = in.readNBytes(SHA_BYTES);
                if (bestSha.length < SHA_BYTES || in.read() >= 0) {
                    throw damaged("does not end where its content does");
                }
                List<ParamsBin.Named> optimizerArrays = arrays(zip, OPTIMIZER_ENTRY, optimizerSha);
                List<OptimizerState.ParameterState> states = new ArrayList<>();
                int next = 0;
                for (int i = 0; i < count; i++) {
                    Map<String, float[]> named = new LinkedHashMap<>();
                    for (String key : keys.get(i)) {
                        String expected = parameters.get(i).name() + "/" + key;
                        if (next >= optimizerArrays.size() || !optimizerArrays.get(next).name().equals(expected)) {
                            throw new ConfigException(file.toString(), OPTIMIZER_ENTRY + " lacks " + expected + DAMAGED);
                        }
                        named.put(key, optimizerArrays.get(next++).value().data());
                    }
                    states.add(new OptimizerState.ParameterState(named, parameterScalars.get(i)));
                }
                if (next != optimizerArrays.size()) {
                    throw new ConfigException(file.toString(), OPTIMIZER_ENTRY + " holds arrays training.bin does not list"
                            + DAMAGED);
                }
                List<float[]> best = bestKept ? best(zip, bestSha, parameters) : List.of();
                try {
                    return new TrainingState(seed, epochs, batchSize, examples, epoch, batch, partial, history, seconds,
                            new TrainingState.Stopping(bestValue, bestEpoch, sinceBest, stopped, best), learningRate,
                            new OptimizerState(scalars, states));
                } catch (IllegalArgumentException e) {
                    throw damaged("is inconsistent: " + e.getMessage());
                }
            } catch (EOFException e) {
                throw damaged("ends in the middle of its content");
            } catch (UTFDataFormatException e) {
                throw damaged("has a name that is not valid UTF-8");
            }
        }

        private Map<String, Double> scalars() throws IOException {
            int n = count(2 + 8, "values");
            Map<String, Double> scalars = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                scalars.put(in.readUTF(), in.readDouble());
            }
            return scalars;
        }

        /** The arrays of entry {@code name}, after checking its SHA-256 is {@code sha}. */
        private List<ParamsBin.Named> arrays(ZipFile zip, String name, byte[] sha) throws IOException {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new ConfigException(file.toString(), "the checkpoint has no " + name + DAMAGED);
            }
            long length = ModelFile.verifyParams(zip, entry, HexFormat.of().formatHex(sha), file);
            try (InputStream stream = zip.getInputStream(entry)) {
                return ParamsBin.read(stream, length);
            } catch (ParamsBin.Damaged e) {
                throw new ConfigException(file.toString(), e.getMessage().replace("params.bin", name) + DAMAGED);
            }
        }

        private List<float[]> best(ZipFile zip, byte[] sha, List<ParamsBin.Named> parameters) throws IOException {
            List<ParamsBin.Named> arrays = arrays(zip, BEST_ENTRY, sha);
            List<float[]> best = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                if (i >= arrays.size() || !arrays.get(i).name().equals(parameters.get(i).name())
                        || !arrays.get(i).value().sameShape(parameters.get(i).value())) {
                    throw new ConfigException(file.toString(), BEST_ENTRY + " does not hold the network's parameters" + DAMAGED);
                }
                best.add(arrays.get(i).value().data());
            }
            if (arrays.size() != parameters.size()) {
                throw new ConfigException(file.toString(), BEST_ENTRY + " holds more arrays than the network has" + DAMAGED);
            }
            return best;
        }
    }
}
