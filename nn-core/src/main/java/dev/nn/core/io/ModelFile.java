package dev.nn.core.io;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.InputFiles;
import dev.nn.api.Layer;
import dev.nn.api.Parameter;
import dev.nn.api.Spec;
import dev.nn.core.Network;
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
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves a trained network to a model file and loads it back: the one place that knows the file
 * format.
 *
 * <p>A model file is a zip holding {@code model.yaml} (format version, input size, the network in
 * the pipeline's own schema, class names, fitted preprocessing, parameter names and shapes, the
 * checksum of the parameters, and the provenance in {@link ModelInfo}) and {@code params.bin}
 * (the parameter values as named big-endian float32 arrays, named {@code layers[i].weights} where
 * {@code i} counts the network's layers as {@link Network#summary()} lists them).
 *
 * <p>Saving never leaves a half-written file: it writes a temporary file in the same folder,
 * forces it to disk and renames it over the target in one step. Loading checks everything before
 * returning: a file that is not a model, is damaged, was modified or needs a newer nn is a
 * {@link ConfigException} naming the file, never a partly loaded model. Loading rebuilds the
 * network through the plugin registry, so it instantiates only registered providers.
 */
public final class ModelFile {
    /** The format this nn writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final String PARAMS_ENTRY = "params.bin";
    /** The remedy that ends a damaged model file's message ({@link Checkpoint} gives a checkpoint's instead). */
    static final String SAVE_AGAIN = "save the model again";
    /** The remedy that ends a foreign file's message. */
    static final String PASS_A_MODEL = "pass a model.zip saved by nn";
    /** The first bytes of a zip file (a local file header). */
    private static final byte[] ZIP_START = {'P', 'K', 3, 4};
    // A fixed entry time, so saving the same model twice gives the same bytes.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private ModelFile() {
    }

    /**
     * Saves {@code net} with {@code info} to {@code file}, replacing it if it exists. Either the
     * whole new file is there afterwards or, on any failure, the previous one is untouched.
     *
     * @throws IllegalArgumentException when {@code info.seed()} is not the network's seed, or a layer
     *                                  option or the config holds a value a model file cannot hold
     * @throws IOException              when the file cannot be written
     * @param net  the network
     * @param info how it was made
     * @param file the model file
     */
    public static void save(Network net, ModelInfo info, Path file) throws IOException {
        save(net, info, file, zip -> { });
    }

    /** More entries of a zip, written after model.yaml (a checkpoint's training state). */
    @FunctionalInterface
    interface Entries {
        void write(ZipOutputStream zip) throws IOException;
    }

    /** {@link #save}, with {@code extra} writing entries of its own into the same atomic file. */
    static void save(Network net, ModelInfo info, Path file, Entries extra) throws IOException {
        if (info.seed() != net.seed()) {
            throw new IllegalArgumentException("the model info says seed " + info.seed() + " but the network was built with seed "
                    + net.seed() + "; record the seed the network was built with");
        }
        List<ParamsBin.Named> arrays = namedParameters(net);
        AtomicFile.write(file, out -> {
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                MessageDigest sha = sha256();
                zip.putNextEntry(entry(PARAMS_ENTRY));
                ParamsBin.write(arrays, new DigestOutputStream(zip, sha));
                zip.closeEntry();
                zip.putNextEntry(entry(ModelYaml.ENTRY));
                Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                text.write(ModelYaml.write(net, info, arrays, HexFormat.of().formatHex(sha.digest())));
                text.flush();
                zip.closeEntry();
                extra.write(zip);
            }
        });
    }

    static ZipEntry entry(String name) {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
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
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        String where = file.toString();
        if (!Files.exists(file)) {
            throw new ConfigException(where, "no such model file; check the path");
        }
        InputFiles.refuseNonRegular(file, "a model.zip or checkpoint.zip");
        try (ZipFile zip = openZip(file)) {
            ZipEntry yamlEntry = zip.getEntry(ModelYaml.ENTRY);
            ZipEntry paramsEntry = zip.getEntry(PARAMS_ENTRY);
            if (yamlEntry == null && paramsEntry == null) {
                throw new ConfigException(where, "not an nn model file: the zip has no " + ModelYaml.ENTRY + " or "
                        + PARAMS_ENTRY + " (it holds " + entryNames(zip) + "); " + PASS_A_MODEL);
            }
            if (yamlEntry == null || paramsEntry == null) {
                throw new ConfigException(where, "the zip has no " + (yamlEntry == null ? ModelYaml.ENTRY : PARAMS_ENTRY)
                        + " (it holds " + entryNames(zip) + "): the file is damaged or was changed; " + SAVE_AGAIN);
            }
            ModelYaml yaml = ModelYaml.read(inEntry(file, yamlEntry, () -> readText(zip, yamlEntry, file)), file);
            long size = inEntry(file, paramsEntry, () -> verifyParams(zip, paramsEntry, yaml.paramsSha256(), file));
            List<ParamsBin.Named> arrays = inEntry(file, paramsEntry, () -> {
                try (InputStream in = zip.getInputStream(paramsEntry)) {
                    return ParamsBin.read(in, size);
                } catch (ParamsBin.Damaged e) {
                    throw new ConfigException(where, e.getMessage() + "; the file is damaged: " + SAVE_AGAIN);
                }
            });
            checkDeclared(yaml.parameters(), arrays, file);
            Network net = build(yaml, registry, threads, file);
            copyParameters(arrays, net, file);
            return new SavedModel(net, yaml.info(), yaml.formatVersion());
        }
    }

    /** The file as a zip; one that is not a zip, or whose end is cut off, is a ConfigException saying which. */
    private static ZipFile openZip(Path file) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            byte[] start;
            try (InputStream in = Files.newInputStream(file)) {
                start = in.readNBytes(4);
            }
            if (Arrays.equals(start, ZIP_START)) {
                String why = String.valueOf(e.getMessage()).contains("END header not found")
                        ? "it ends before the zip's table of contents, so it was cut short" : e.getMessage();
                throw new ConfigException(file.toString(), "the zip archive is truncated or damaged (" + why
                        + "); " + SAVE_AGAIN, e);
            }
            throw new ConfigException(file.toString(), "not an nn model file: it is not a zip archive (" + describeStart(start)
                    + "); " + PASS_A_MODEL, e);
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
        return text ? "it starts with \"" + new String(start, StandardCharsets.US_ASCII) + "\""
                : "it starts with the bytes " + HexFormat.ofDelimiter(" ").withUpperCase().formatHex(start);
    }

    /** What reading one entry does, which may find the entry's compressed data damaged. */
    private interface EntryRead<T> {
        T read() throws IOException;
    }

    /** Runs {@code read}, reporting damage the zip layer finds (bad compressed data, bad local header) as that entry's. */
    private static <T> T inEntry(Path file, ZipEntry entry, EntryRead<T> read) throws IOException {
        try {
            return read.read();
        } catch (ZipException | EOFException e) {
            throw new ConfigException(file.toString(), entry.getName() + " in the zip is damaged (" + e.getMessage()
                    + "); " + SAVE_AGAIN, e);
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
    private static String readText(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readNBytes(ModelYaml.MAX_BYTES + 1);
        }
        if (bytes.length > ModelYaml.MAX_BYTES) {
            throw new ConfigException(file.toString(), "model.yaml is larger than " + ModelYaml.MAX_BYTES / (1024 * 1024)
                    + " MB, so it was not written by nn; pass a model file nn saved");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        checkIntact(entry, crc.getValue(), bytes.length, file);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file.toString(), "model.yaml is not UTF-8 text; the file is damaged: " + SAVE_AGAIN);
        }
    }

    /**
     * The zip's own check of an entry. {@link ZipFile} does not verify it, and a damaged deflate
     * stream can inflate to different text that still parses, so without it a flipped bit could
     * silently drop the preprocessing from model.yaml.
     */
    static void checkIntact(ZipEntry entry, long crc, long size, Path file) {
        if (entry.getCrc() != crc || entry.getSize() != size) {
            throw new ConfigException(file.toString(), entry.getName() + " in the zip is damaged (it fails its CRC"
                    + " check); " + SAVE_AGAIN);
        }
    }

    /** Checks params.bin (or another entry) against the checksum recorded for it and returns its real size in bytes. */
    static long verifyParams(ZipFile zip, ZipEntry entry, String expected, Path file) throws IOException {
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
        checkIntact(entry, crc.getValue(), size, file);
        if (!HexFormat.of().formatHex(sha.digest()).equalsIgnoreCase(expected)) {
            throw new ConfigException(file.toString(), entry.getName() + " does not match its checksum: the file is damaged or was modified");
        }
        return size;
    }

    /** model.yaml's list of parameters must describe exactly what params.bin holds. */
    private static void checkDeclared(List<ModelYaml.Shape> declared, List<ParamsBin.Named> arrays, Path file) {
        List<ModelYaml.Shape> held = new ArrayList<>();
        for (ParamsBin.Named a : arrays) {
            held.add(new ModelYaml.Shape(a.name(), a.value().rows(), a.value().cols()));
        }
        if (!held.equals(declared)) {
            throw new ConfigException(file.toString(), "model.yaml lists the parameters " + declared + " but params.bin holds "
                    + held + "; the file is inconsistent: " + SAVE_AGAIN);
        }
    }

    private static Network build(ModelYaml yaml, PluginRegistry registry, int threads, Path file) {
        try {
            Network.Builder builder = Network.builder(yaml.inputSize()).registry(registry).threads(threads).path("model");
            for (Spec spec : yaml.layerSpecs(registry, file)) {
                builder.add(spec);
            }
            return builder.loss(yaml.lossSpec(registry, file)).seed(yaml.info().seed()).build();
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
            // A provider that fails on options model.yaml gives it (edited by hand, or from another version of a plugin).
            throw new ConfigException(file.toString(), "model.yaml describes a network that cannot be built (" + e
                    + "); " + SAVE_AGAIN, e);
        }
    }

    private static void copyParameters(List<ParamsBin.Named> arrays, Network net, Path file) {
        List<ParamsBin.Named> needed = namedParameters(net);
        for (int i = 0; i < Math.max(needed.size(), arrays.size()); i++) {
            ParamsBin.Named need = i < needed.size() ? needed.get(i) : null;
            ParamsBin.Named have = i < arrays.size() ? arrays.get(i) : null;
            if (need == null || have == null || !need.name().equals(have.name()) || !need.value().sameShape(have.value())) {
                throw new ConfigException(file.toString(), "the network described in model.yaml needs "
                        + (need == null ? "no parameter " + (i + 1) : need.name() + " " + need.value().shape())
                        + " but params.bin holds " + (have == null ? "no parameter " + (i + 1) : have.name() + " "
                        + have.value().shape()) + "; the file is inconsistent (was model.yaml edited?): " + SAVE_AGAIN);
            }
        }
        for (int i = 0; i < needed.size(); i++) {
            needed.get(i).value().copyFrom(arrays.get(i).value());
        }
    }

    /** Every parameter of {@code net} under its params.bin name ({@code layers[0].weights}), in order. */
    static List<ParamsBin.Named> namedParameters(Network net) {
        List<ParamsBin.Named> named = new ArrayList<>();
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            for (Parameter p : layers.get(i).parameters()) {
                named.add(new ParamsBin.Named("layers[" + i + "]." + p.name(), p.value()));
            }
        }
        return named;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
