package dev.nn.core.io;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The model file format: the one place that knows how a model file is laid out, written and
 * checked. It knows nothing of {@code Network}: it writes and reads a network's description
 * ({@link Contents}: input size, layer and loss specs, named parameter arrays, {@link ModelInfo}),
 * and {@code dev.nn.core.ModelFile} builds the network from it.
 *
 * <p>A model file is a zip holding {@code model.yaml} (format version, input size, the network in
 * the pipeline's own schema, class names, fitted preprocessing (a table's encoding, the feature
 * steps, the scaling of regression targets), the names and shapes of the
 * parameters and of the layers' buffers, the checksum of params.bin, and the provenance in
 * {@link ModelInfo}) and {@code params.bin} (the parameters' values, then the buffers', as named
 * big-endian float32 arrays, {@link ParamsBin}). A checkpoint adds entries of its own
 * ({@link Entries}).
 *
 * <p>Format 2 added the buffers (batch normalisation's running statistics): model.yaml's
 * {@code buffers} list. A format 1 file has none and loads as it always did.
 *
 * <p>Format 3 added tables and target scaling: model.yaml's {@code table} (the fitted
 * {@link dev.nn.api.TableEncoding}: the texts meaning "missing", the targets' names, each column's
 * name, type, missing rule, fill value and, for a category, its unseen rule and vocabulary, and the
 * encoded features' names) and {@code target_preprocess} (the steps that scaled regression
 * targets, in {@code preprocess}'s layout). A file of format 1 or 2 has neither and loads as it
 * always did.
 *
 * <p>Writing goes through {@link AtomicFile}, so it never leaves a half-written file. Reading
 * checks everything before returning: a file that is not a model, is damaged, was modified or
 * needs a newer nn is a {@link ConfigException} naming the file, its message ending in the
 * {@link Remedies} the caller gave for the kind of file it expects.
 */
public final class ModelArchive {
    /** The format this nn writes, and the newest it reads (it reads every older one too). */
    public static final int FORMAT_VERSION = 3;

    static final String PARAMS_ENTRY = "params.bin";
    /** The first bytes of a zip file (a local file header). */
    private static final byte[] ZIP_START = {'P', 'K', 3, 4};
    // A fixed entry time, so saving the same model twice gives the same bytes.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private ModelArchive() {}

    /**
     * What the messages about a file that cannot be used end with, said for the kind of file the
     * caller expects: a model file is saved again, a checkpoint (which nn wrote during a run) is
     * not, so its remedies say to resume from another or train again.
     *
     * @param damaged what to do about a damaged or inconsistent file ({@code "save the model again"})
     * @param foreign what to do about a file that is not nn's at all ({@code "pass a model.zip saved by nn"})
     */
    public record Remedies(String damaged, String foreign) {
        /** A model file's remedies. */
        public static final Remedies MODEL = new Remedies("save the model again", "pass a model.zip saved by nn");

        /**
         * Checks that both are given.
         *
         * @param damaged what to do about a damaged or inconsistent file
         * @param foreign what to do about a file that is not nn's at all
         */
        public Remedies {
            Objects.requireNonNull(damaged, "damaged");
            Objects.requireNonNull(foreign, "foreign");
        }
    }

    /**
     * What a model file holds.
     *
     * @param formatVersion the format version the file declares ({@link #FORMAT_VERSION} when written)
     * @param inputSize     the number of features per example
     * @param layers        the layer specs, in order, as the network was built from them
     * @param loss          the loss spec
     * @param parameters    the parameter arrays, named {@code layers[i].weights} where {@code i}
     *                      counts the network's layers as its summary lists them
     * @param buffers       the layers' buffers ({@code layers[i].running_mean}), named the same way;
     *                      none in format 1
     * @param info          the class names, the preprocessing and the provenance
     */
    public record Contents(
            int formatVersion,
            int inputSize,
            List<Spec> layers,
            Spec loss,
            List<ParamsBin.Named> parameters,
            List<ParamsBin.Named> buffers,
            ModelInfo info) {
        /**
         * Keeps read-only copies of the lists.
         *
         * @param formatVersion the format version the file declares
         * @param inputSize     the number of features per example
         * @param layers        the layer specs, in order
         * @param loss          the loss spec
         * @param parameters    the parameter arrays
         * @param buffers       the layers' buffers
         * @param info          the class names, the preprocessing and the provenance
         */
        public Contents {
            layers = List.copyOf(layers);
            Objects.requireNonNull(loss, "loss");
            parameters = List.copyOf(parameters);
            buffers = List.copyOf(buffers);
            Objects.requireNonNull(info, "info");
        }

        /**
         * Contents in the format this nn writes.
         *
         * @param inputSize  the number of features per example
         * @param layers     the layer specs, in order
         * @param loss       the loss spec
         * @param parameters the parameter arrays
         * @param buffers    the layers' buffers
         * @param info       the class names, the preprocessing and the provenance
         */
        public Contents(
                int inputSize,
                List<Spec> layers,
                Spec loss,
                List<ParamsBin.Named> parameters,
                List<ParamsBin.Named> buffers,
                ModelInfo info) {
            this(FORMAT_VERSION, inputSize, layers, loss, parameters, buffers, info);
        }
    }

    /** More entries of a zip, written after model.yaml (a checkpoint's training state). */
    @FunctionalInterface
    public interface Entries {
        /**
         * Writes the entries, each through {@link #putArrays} or {@link #putBytes}.
         *
         * @param zip the model file's zip, open for a next entry
         * @throws IOException when writing fails; the file is then left as it was
         */
        void write(ZipOutputStream zip) throws IOException;
    }

    /**
     * Writes {@code contents} to {@code file}, then {@code extra}'s entries, replacing the file
     * atomically.
     *
     * @param file     the model file
     * @param contents what it holds
     * @param extra    more entries ({@code zip -> { }} for none)
     * @throws IllegalArgumentException when a layer option or the config holds a value a model file
     *                                  cannot hold (naming where it is)
     * @throws IOException              when the file cannot be written
     */
    public static void write(Path file, Contents contents, Entries extra) throws IOException {
        AtomicFile.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                List<ParamsBin.Named> arrays = new ArrayList<>(contents.parameters());
                arrays.addAll(contents.buffers());
                byte[] sha = putArrays(zip, PARAMS_ENTRY, arrays);
                String yaml = ModelYaml.write(contents, HexFormat.of().formatHex(sha));
                zip.putNextEntry(entry(ModelYaml.ENTRY));
                Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                text.write(yaml);
                text.flush();
                zip.closeEntry();
                extra.write(zip);
            }
        });
    }

    /**
     * Writes {@code arrays} as entry {@code name} in the {@link ParamsBin} layout.
     *
     * @param zip    the zip
     * @param name   the entry's name
     * @param arrays the arrays
     * @return the entry's SHA-256
     * @throws IOException when writing fails
     */
    public static byte[] putArrays(ZipOutputStream zip, String name, List<ParamsBin.Named> arrays) throws IOException {
        MessageDigest sha = sha256();
        zip.putNextEntry(entry(name));
        ParamsBin.write(arrays, new DigestOutputStream(zip, sha));
        zip.closeEntry();
        return sha.digest();
    }

    /**
     * Writes {@code bytes} as entry {@code name}.
     *
     * @param zip   the zip
     * @param name  the entry's name
     * @param bytes its content
     * @throws IOException when writing fails
     */
    public static void putBytes(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(entry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    /**
     * {@return a pipeline's {@code model:} section for these layers and loss, as model.yaml writes it}
     * A config holding it builds the same network.
     *
     * @param layers the layer references, input to output
     * @param loss   the loss reference
     * @throws IllegalArgumentException when an option holds a value YAML cannot hold (naming where it is)
     */
    public static String modelSection(List<Spec> layers, Spec loss) {
        return ModelYaml.modelSection(layers, loss);
    }

    /**
     * Reads and checks a model file, turning its component references into specs with
     * {@code registry}'s providers' declared options (a nested {@code init} becomes a spec too).
     *
     * @param file     the model file (or checkpoint)
     * @param registry the providers whose options say which values are components
     * @param remedies what messages about a damaged or foreign file end with
     * @return what it holds
     * @throws ConfigException when the file is missing, not an nn model file, damaged or modified,
     *                         or needs a newer nn; its {@code where} is the file
     * @throws IOException     when the file cannot be read (permissions, disk errors)
     */
    public static Contents read(Path file, PluginRegistry registry, Remedies remedies) throws IOException {
        String where = file.toString();
        if (!Files.exists(file)) {
            throw new ConfigException(where, "no such model file; check the path");
        }
        InputFiles.refuseNonRegular(file, "a model.zip or checkpoint.zip");
        try (ZipFile zip = openZip(file, remedies)) {
            ZipEntry yamlEntry = zip.getEntry(ModelYaml.ENTRY);
            ZipEntry paramsEntry = zip.getEntry(PARAMS_ENTRY);
            if (yamlEntry == null && paramsEntry == null) {
                throw new ConfigException(
                        where,
                        "not an nn model file: the zip has no " + ModelYaml.ENTRY + " or " + PARAMS_ENTRY
                                + " (it holds " + entryNames(zip) + "); " + remedies.foreign());
            }
            if (yamlEntry == null || paramsEntry == null) {
                throw new ConfigException(
                        where,
                        "the zip has no " + (yamlEntry == null ? ModelYaml.ENTRY : PARAMS_ENTRY) + " (it holds "
                                + entryNames(zip) + "): the file is damaged or was changed; " + remedies.damaged());
            }
            String text = inEntry(file, yamlEntry, remedies, () -> readText(zip, yamlEntry, file, remedies));
            ModelYaml yaml = ModelYaml.read(text, file, remedies);
            List<ParamsBin.Named> arrays = inEntry(
                    file,
                    paramsEntry,
                    remedies,
                    () -> readArrays(
                            zip,
                            paramsEntry,
                            hex(yaml.paramsSha256()),
                            file,
                            remedies.damaged(),
                            "; the file is damaged: " + remedies.damaged()));
            List<ModelYaml.Shape> declared = new ArrayList<>(yaml.parameters());
            declared.addAll(yaml.buffers());
            checkDeclared(declared, arrays, file, remedies);
            int parameters = yaml.parameters().size();
            return new Contents(
                    yaml.formatVersion(),
                    yaml.inputSize(),
                    yaml.layerSpecs(registry, file, remedies),
                    yaml.lossSpec(registry, file, remedies),
                    arrays.subList(0, parameters),
                    arrays.subList(parameters, arrays.size()),
                    yaml.info());
        }
    }

    /**
     * The arrays of {@code entry}, after checking its zip CRC and that its SHA-256 is {@code sha}.
     *
     * @param zip     the zip
     * @param entry   an entry in the {@link ParamsBin} layout
     * @param sha     the SHA-256 recorded for it
     * @param file    the zip's file, named in messages
     * @param remedy  what a failed CRC check's message ends with ({@code "save the model again"})
     * @param damaged what a message about a damaged layout ends with ({@code "; the file is damaged: save the model again"})
     * @return the arrays
     * @throws ConfigException when the entry is damaged or does not match its checksum
     * @throws IOException     when it cannot be read
     */
    public static List<ParamsBin.Named> readArrays(
            ZipFile zip, ZipEntry entry, byte[] sha, Path file, String remedy, String damaged) throws IOException {
        long size = verify(zip, entry, sha, file, remedy);
        try (InputStream in = zip.getInputStream(entry)) {
            return ParamsBin.read(in, size, entry.getName());
        } catch (ParamsBin.Damaged e) {
            throw new ConfigException(file.toString(), e.getMessage() + damaged);
        }
    }

    /** The file as a zip; one that is not a zip, or whose end is cut off, is a ConfigException saying which. */
    private static ZipFile openZip(Path file, Remedies remedies) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            byte[] start;
            try (InputStream in = Files.newInputStream(file)) {
                start = in.readNBytes(4);
            }
            if (Arrays.equals(start, ZIP_START)) {
                String why = String.valueOf(e.getMessage()).contains("END header not found")
                        ? "it ends before the zip's table of contents, so it was cut short"
                        : e.getMessage();
                throw new ConfigException(
                        file.toString(),
                        "the zip archive is truncated or damaged (" + why + "); " + remedies.damaged(),
                        e);
            }
            throw new ConfigException(
                    file.toString(),
                    "not an nn model file: it is not a zip archive (" + describeStart(start) + "); "
                            + remedies.foreign(),
                    e);
        }
    }

    /** "it starts with \"abcd\"", or the bytes in hex when they are not text. */
    private static String describeStart(byte[] start) {
        if (start.length == 0) {
            return "it is empty";
        }
        boolean text = true;
        for (byte b : start) {
            text &= b >= 0x20 && b < 0x7f;
        }
        return text
                ? "it starts with \"" + new String(start, StandardCharsets.US_ASCII) + "\""
                : "it starts with the bytes "
                        + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(start);
    }

    /** What reading one entry does, which may find the entry's compressed data damaged. */
    private interface EntryRead<T> {
        T read() throws IOException;
    }

    /** Runs {@code read}, reporting damage the zip layer finds (bad compressed data, bad local header) as that entry's. */
    private static <T> T inEntry(Path file, ZipEntry entry, Remedies remedies, EntryRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (ZipException | EOFException e) {
            throw new ConfigException(
                    file.toString(),
                    entry.getName() + " in the zip is damaged (" + e.getMessage() + "); " + remedies.damaged(),
                    e);
        }
    }

    private static String entryNames(ZipFile zip) {
        List<String> names = new ArrayList<>();
        for (ZipEntry e : Collections.list(zip.entries())) {
            if (names.size() == 5) {
                names.add("...");
                break;
            }
            names.add(e.getName());
        }
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** The entry as UTF-8 text, refusing more than a model description could need. */
    private static String readText(ZipFile zip, ZipEntry entry, Path file, Remedies remedies) throws IOException {
        byte[] bytes = readBytes(
                zip,
                entry,
                ModelYaml.MAX_BYTES,
                file,
                "model.yaml is larger than " + ModelYaml.MAX_BYTES / (1024 * 1024)
                        + " MB, so it was not written by nn; pass a model file nn saved",
                remedies.damaged());
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(
                    file.toString(), "model.yaml is not UTF-8 text; the file is damaged: " + remedies.damaged());
        }
    }

    /**
     * The zip's own check of an entry. {@link ZipFile} does not verify it, and a damaged deflate
     * stream can inflate to different text that still parses, so without it a flipped bit could
     * silently drop the preprocessing from model.yaml.
     */
    private static void checkIntact(ZipEntry entry, long crc, long size, Path file, String remedy) {
        if (entry.getCrc() != crc || entry.getSize() != size) {
            throw new ConfigException(
                    file.toString(),
                    entry.getName() + " in the zip is damaged (it fails its CRC" + " check); " + remedy);
        }
    }

    /**
     * The bytes of {@code entry}, at most {@code max} of them, after its zip CRC is checked.
     *
     * @param zip     the zip
     * @param entry   the entry
     * @param max     the most bytes it may hold
     * @param file    the zip's file, named in messages
     * @param tooLarge the message when it holds more than {@code max} bytes
     * @param remedy  what a failed CRC check's message ends with
     * @return its bytes
     * @throws ConfigException when it is too large or fails its CRC check
     * @throws IOException     when it cannot be read
     */
    public static byte[] readBytes(ZipFile zip, ZipEntry entry, int max, Path file, String tooLarge, String remedy)
            throws IOException {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(max + 1);
        }
        if (bytes.length > max) {
            throw new ConfigException(file.toString(), tooLarge);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        checkIntact(entry, crc.getValue(), bytes.length, file, remedy);
        return bytes;
    }

    /** Checks params.bin (or another entry) against the checksum recorded for it and returns its real size in bytes. */
    private static long verify(ZipFile zip, ZipEntry entry, byte[] expected, Path file, String remedy)
            throws IOException {
        MessageDigest sha = sha256();
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = zip.getInputStream(entry)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                size += n;
            }
        }
        checkIntact(entry, crc.getValue(), size, file, remedy);
        if (!MessageDigest.isEqual(sha.digest(), expected)) {
            throw new ConfigException(
                    file.toString(),
                    entry.getName() + " does not match its checksum: the file is damaged or was modified");
        }
        return size;
    }

    /** model.yaml's lists of parameters and buffers must describe exactly what params.bin holds. */
    private static void checkDeclared(
            List<ModelYaml.Shape> declared, List<ParamsBin.Named> arrays, Path file, Remedies remedies) {
        List<ModelYaml.Shape> held = new ArrayList<>();
        for (ParamsBin.Named a : arrays) {
            held.add(new ModelYaml.Shape(a.name(), a.value().rows(), a.value().cols()));
        }
        if (!held.equals(declared)) {
            throw new ConfigException(
                    file.toString(),
                    "model.yaml lists the arrays " + declared + " but params.bin holds " + held
                            + "; the file is inconsistent: " + remedies.damaged());
        }
    }

    /** The bytes a hex checksum stands for; none (matching no digest) for text that is not hex. */
    private static byte[] hex(String text) {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /**
     * {@return a new SHA-256 digest}
     */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
