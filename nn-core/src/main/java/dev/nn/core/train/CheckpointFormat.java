package dev.nn.core.train;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import dev.nn.api.OptimizerState;
import dev.nn.core.io.ModelArchive;
import dev.nn.core.io.ParamsBin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The checkpoint's own entries, the binary codec of a {@link TrainingState}: {@code training.bin}
 * (position, history, early stopping's bookkeeping, the optimizer's scalars, the learning rate),
 * ending in the SHA-256 of everything before it and recording the SHA-256 of the other two;
 * {@code optimizer.bin}, the optimizer's arrays, named {@code layers[i].weights/first}; and
 * {@code best.bin}, early stopping's best weights when it keeps them (the parameters, then the
 * layers' buffers, such as batch normalisation's running statistics), named as in the model. The
 * two {@code .bin} entries have the layout of {@link ParamsBin}. {@link Checkpoint} puts them in a
 * model file beside the network.
 *
 * <p>{@code training.bin}, every number big-endian:
 * <pre>
 *   magic "NNTRAIN1", int32 format version
 *   int64 seed; int32 epochs, batch size, examples, epoch, batch
 *   float64 partial loss sum; int64 partial correct; float64 partial seconds; float64 seconds; float64 learning rate
 *   int32 epochs recorded, each: int32 epoch, float64 loss, accuracy, val_loss, val_accuracy, learning rate, seconds
 *     (format 3: and float64 val_r2, val_mae)
 *   float64 best value; int32 best epoch, epochs since best; bool stopped; bool best weights kept
 *   int32 optimizer scalars, each: UTF name, float64 value
 *   int32 parameters, each: int32 scalars, each UTF name + float64; int32 arrays, each UTF name
 *   32 bytes SHA-256 of optimizer.bin; 32 bytes SHA-256 of best.bin (zeros when absent)
 *   format 2 and 3: int32 schedule values, each: UTF name, float64 value
 *   32 bytes SHA-256 of all the bytes above
 * </pre>
 * A state is written in the oldest format that holds it, so that an older nn reads what it can:
 * format 1 when the schedule keeps nothing ({@link TrainingState#schedule()} empty, every schedule
 * but one reacting to results) and no epoch has regression figures, byte for byte as before either
 * existed; format 2 adds the schedule's values; format 3 the validation R² and MAE of each epoch
 * (regression with validation data). All three are read; figures a format lacks read as NaN.
 */
final class CheckpointFormat {
    /** The training state format this nn writes, and the newest it reads. */
    static final int FORMAT_VERSION = 3;

    /** The format of a state whose schedule keeps nothing, written as before format 2 so any nn reads it. */
    private static final int WITHOUT_SCHEDULE = 1;

    /** The format of a state with a schedule's values but no regression figures. */
    private static final int WITH_SCHEDULE = 2;

    static final String TRAINING_ENTRY = "training.bin";
    /** Where a checkpoint's messages about its damage end. */
    static final String DAMAGED = "; the checkpoint is damaged: resume from another or train again";

    private static final String OPTIMIZER_ENTRY = "optimizer.bin";
    private static final String BEST_ENTRY = "best.bin";
    private static final byte[] MAGIC = "NNTRAIN1".getBytes(StandardCharsets.US_ASCII);
    private static final int SHA_BYTES = 32;
    /** Far more than any history needs (a million epochs); a larger entry is not one of ours. */
    private static final int MAX_TRAINING_BYTES = 64 * 1024 * 1024;

    private CheckpointFormat() {}

    /**
     * Writes {@code state}'s entries into {@code zip}, the optimizer's arrays named after
     * {@code parameters} and the best weights after {@code kept} (the parameters, then the buffers).
     */
    static void write(
            ZipOutputStream zip, List<ParamsBin.Named> parameters, List<ParamsBin.Named> kept, TrainingState state)
            throws IOException {
        if (parameters.size() != state.optimizer().parameters().size()) {
            throw new IllegalArgumentException("the optimizer state is for "
                    + state.optimizer().parameters().size() + " parameters but the network has " + parameters.size());
        }
        byte[] optimizerSha =
                ModelArchive.putArrays(zip, OPTIMIZER_ENTRY, optimizerArrays(parameters, state.optimizer()));
        byte[] bestSha = new byte[SHA_BYTES];
        if (!state.stopping().bestWeights().isEmpty()) {
            List<ParamsBin.Named> best = new ArrayList<>();
            for (int i = 0; i < kept.size(); i++) {
                Matrix shape = kept.get(i).value();
                best.add(new ParamsBin.Named(
                        kept.get(i).name(),
                        Matrix.wrap(
                                shape.rows(),
                                shape.cols(),
                                state.stopping().bestWeights().get(i))));
            }
            bestSha = ModelArchive.putArrays(zip, BEST_ENTRY, best);
        }
        ModelArchive.putBytes(zip, TRAINING_ENTRY, trainingBytes(state, optimizerSha, bestSha));
    }

    private static List<ParamsBin.Named> optimizerArrays(List<ParamsBin.Named> parameters, OptimizerState optimizer) {
        List<ParamsBin.Named> arrays = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            for (Map.Entry<String, float[]> e :
                    optimizer.parameters().get(i).arrays().entrySet()) {
                arrays.add(new ParamsBin.Named(
                        parameters.get(i).name() + "/" + e.getKey(),
                        Matrix.wrap(1, e.getValue().length, e.getValue())));
            }
        }
        return arrays;
    }

    private static byte[] trainingBytes(TrainingState s, byte[] optimizerSha, byte[] bestSha) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MessageDigest sha = ModelArchive.sha256();
        DataOutputStream out = new DataOutputStream(new DigestOutputStream(bytes, sha));
        out.write(MAGIC);
        int format = formatOf(s);
        out.writeInt(format);
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
            for (double v : new double[] {
                e.loss(), e.accuracy(), e.validationLoss(), e.validationAccuracy(), e.learningRate(), e.seconds()
            }) {
                out.writeDouble(v);
            }
            if (format == FORMAT_VERSION) {
                out.writeDouble(e.validationR2());
                out.writeDouble(e.validationMae());
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
        if (format > WITHOUT_SCHEDULE) {
            writeScalars(out, s.schedule());
        }
        out.flush();
        bytes.write(sha.digest());
        return bytes.toByteArray();
    }

    /** The oldest format that holds {@code s}. */
    private static int formatOf(TrainingState s) {
        boolean regression =
                s.history().stream().anyMatch(e -> !Double.isNaN(e.validationR2()) || !Double.isNaN(e.validationMae()));
        if (regression) {
            return FORMAT_VERSION;
        }
        return s.schedule().isEmpty() ? WITHOUT_SCHEDULE : WITH_SCHEDULE;
    }

    private static void writeScalars(DataOutputStream out, Map<String, Double> scalars) throws IOException {
        out.writeInt(scalars.size());
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    /**
     * Reads and checks the training state in {@code zip} (entry {@code training}) for a network
     * whose parameters are {@code parameters} and whose best weights would be {@code kept}.
     */
    static TrainingState read(
            ZipFile zip, ZipEntry training, List<ParamsBin.Named> parameters, List<ParamsBin.Named> kept, Path file)
            throws IOException {
        return new Reader(readTraining(zip, training, file), file).state(zip, parameters, kept);
    }

    /** training.bin's bytes, after its zip CRC and its own SHA-256 trailer are checked. */
    private static byte[] readTraining(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        byte[] bytes = ModelArchive.readBytes(
                zip,
                entry,
                MAX_TRAINING_BYTES,
                file,
                TRAINING_ENTRY + " is larger than " + MAX_TRAINING_BYTES / (1024 * 1024) + " MB, so nn did not write it"
                        + DAMAGED,
                Checkpoint.REMEDIES.damaged());
        if (bytes.length < MAGIC.length + 4 + SHA_BYTES
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ConfigException(
                    file.toString(),
                    TRAINING_ENTRY + " does not start with NNTRAIN1, so nn did not write it" + DAMAGED);
        }
        int format = (bytes[8] & 0xff) << 24 | (bytes[9] & 0xff) << 16 | (bytes[10] & 0xff) << 8 | (bytes[11] & 0xff);
        if (format > FORMAT_VERSION || format < 1) {
            throw new ConfigException(
                    file.toString(),
                    "written by a newer nn (checkpoint format " + format + "); this nn reads format " + FORMAT_VERSION
                            + ": upgrade nn, or train again");
        }
        MessageDigest sha = ModelArchive.sha256();
        sha.update(bytes, 0, bytes.length - SHA_BYTES);
        if (!Arrays.equals(sha.digest(), 0, SHA_BYTES, bytes, bytes.length - SHA_BYTES, bytes.length)) {
            throw new ConfigException(
                    file.toString(),
                    TRAINING_ENTRY + " does not match its checksum: the checkpoint is"
                            + " damaged or was modified; resume from another or train again");
        }
        return Arrays.copyOf(bytes, bytes.length - SHA_BYTES);
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

        TrainingState state(ZipFile zip, List<ParamsBin.Named> parameters, List<ParamsBin.Named> kept)
                throws IOException {
            try {
                in.skipNBytes(MAGIC.length);
                int format = in.readInt();
                long seed = in.readLong();
                int epochs = in.readInt();
                int batchSize = in.readInt();
                int examples = in.readInt();
                int epoch = in.readInt();
                int batch = in.readInt();
                TrainingState.PartialEpoch partial =
                        new TrainingState.PartialEpoch(in.readDouble(), in.readLong(), in.readDouble());
                double seconds = in.readDouble();
                double learningRate = in.readDouble();
                boolean regressionFigures = format >= FORMAT_VERSION;
                int recorded = count(4 + (regressionFigures ? 8 : 6) * 8, "epochs of history");
                List<EpochStats> history = new ArrayList<>(recorded);
                for (int i = 0; i < recorded; i++) {
                    int epochNumber = in.readInt();
                    double[] v = new double[6];
                    for (int f = 0; f < v.length; f++) {
                        v[f] = in.readDouble();
                    }
                    double r2 = regressionFigures ? in.readDouble() : Double.NaN;
                    double mae = regressionFigures ? in.readDouble() : Double.NaN;
                    history.add(new EpochStats(epochNumber, v[0], v[1], v[2], v[3], v[4], v[5], r2, mae));
                }
                double bestValue = in.readDouble();
                int bestEpoch = in.readInt();
                int sinceBest = in.readInt();
                boolean stopped = in.readBoolean();
                boolean bestKept = in.readBoolean();
                Map<String, Double> scalars = scalars();
                int count = count(8, "optimizer parameters");
                if (count != parameters.size()) {
                    throw damaged("has optimizer state for " + count + " parameters but the network has "
                            + parameters.size());
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
                if (bestSha.length < SHA_BYTES) {
                    throw damaged("ends in the middle of its content");
                }
                Map<String, Double> schedule = format > WITHOUT_SCHEDULE ? scalars() : Map.of();
                if (in.read() >= 0) {
                    throw damaged("does not end where its content does");
                }
                List<ParamsBin.Named> optimizerArrays = arrays(zip, OPTIMIZER_ENTRY, optimizerSha);
                List<OptimizerState.ParameterState> states = new ArrayList<>();
                int next = 0;
                for (int i = 0; i < count; i++) {
                    Map<String, float[]> named = new LinkedHashMap<>();
                    for (String key : keys.get(i)) {
                        String expected = parameters.get(i).name() + "/" + key;
                        if (next >= optimizerArrays.size()
                                || !optimizerArrays.get(next).name().equals(expected)) {
                            throw new ConfigException(
                                    file.toString(), OPTIMIZER_ENTRY + " lacks " + expected + DAMAGED);
                        }
                        named.put(key, optimizerArrays.get(next++).value().data());
                    }
                    states.add(new OptimizerState.ParameterState(named, parameterScalars.get(i)));
                }
                if (next != optimizerArrays.size()) {
                    throw new ConfigException(
                            file.toString(), OPTIMIZER_ENTRY + " holds arrays training.bin does not list" + DAMAGED);
                }
                List<float[]> best = bestKept ? best(zip, bestSha, kept) : List.of();
                try {
                    return new TrainingState(
                            seed,
                            epochs,
                            batchSize,
                            examples,
                            epoch,
                            batch,
                            partial,
                            history,
                            seconds,
                            new TrainingState.Stopping(bestValue, bestEpoch, sinceBest, stopped, best),
                            learningRate,
                            new OptimizerState(scalars, states),
                            schedule);
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
            return ModelArchive.readArrays(zip, entry, sha, file, Checkpoint.REMEDIES.damaged(), DAMAGED);
        }

        private List<float[]> best(ZipFile zip, byte[] sha, List<ParamsBin.Named> parameters) throws IOException {
            List<ParamsBin.Named> arrays = arrays(zip, BEST_ENTRY, sha);
            List<float[]> best = new ArrayList<>();
            for (int i = 0; i < parameters.size(); i++) {
                if (i >= arrays.size()
                        || !arrays.get(i).name().equals(parameters.get(i).name())
                        || !arrays.get(i).value().sameShape(parameters.get(i).value())) {
                    throw new ConfigException(
                            file.toString(), BEST_ENTRY + " does not hold the network's parameters" + DAMAGED);
                }
                best.add(arrays.get(i).value().data());
            }
            if (arrays.size() != parameters.size()) {
                throw new ConfigException(
                        file.toString(), BEST_ENTRY + " holds more arrays than the network has" + DAMAGED);
            }
            return best;
        }
    }
}
