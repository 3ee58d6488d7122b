package dev.nn.spark;

import dev.nn.api.ConfigException;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.broadcast.Broadcast;

/**
 * The networks loaded in this JVM, one per model file, shared by every task that scores with it
 * (a network's predict is thread-safe). Keyed by the file's SHA-256, not by the broadcast's id, so
 * two broadcasts of one file (two transforms, or a reloaded pipeline) load it once; the few most
 * recently used are kept.
 */
final class ExecutorModels {
    private static final int KEPT = 8;

    private static final Map<String, SavedModel> LOADED = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SavedModel> eldest) {
            return size() > KEPT;
        }
    };

    private ExecutorModels() {}

    /** {@return the network of the broadcast model file whose SHA-256 is {@code key}, loaded once per JVM} */
    static SavedModel get(String key, Broadcast<byte[]> model) {
        synchronized (LOADED) {
            SavedModel saved = LOADED.get(key);
            if (saved == null) {
                saved = parse(model.value(), "the broadcast model");
                LOADED.put(key, saved);
            }
            return saved;
        }
    }

    /** {@return the SHA-256 of a model file's bytes, in hex} */
    static String key(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /**
     * {@return a model file's bytes loaded as a model} The engine gets one thread: Spark runs as many
     * tasks at once as the executor has cores, so each task's predict keeps to its own.
     *
     * @param where what the bytes are, for messages: the file's path
     * @throws IllegalArgumentException naming {@code where}, when the bytes are not an nn model file
     */
    static SavedModel parse(byte[] bytes, String where) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("nn-spark-", ".zip");
            Files.write(tmp, bytes);
            return ModelFile.load(tmp, PluginRegistry.defaultRegistry(), 1);
        } catch (ConfigException e) {
            String why =
                    e.problems().stream().map(ConfigException.Problem::message).collect(Collectors.joining("; "));
            throw new IllegalArgumentException(where + ": " + why, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + where + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temporary file left behind is the operating system's to clean
                }
            }
        }
    }
}
