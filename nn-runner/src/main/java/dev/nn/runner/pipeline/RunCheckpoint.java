package dev.nn.runner.pipeline;

import dev.nn.api.ConfigException;
import dev.nn.core.io.AtomicFile;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.Checkpoint;
import dev.nn.runner.config.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run folder's checkpoint, opened to resume the run with a config: it must exist, be intact and
 * have been made with the same resolved config, or the run would not continue the one that stopped.
 */
public final class RunCheckpoint {
    /** Results do not depend on the thread count, so a run may resume with another. */
    private static final Set<String> MAY_DIFFER = Set.of("threads");

    private RunCheckpoint() {}

    /**
     * Loads {@code runDir/checkpoint.zip} and checks it against {@code config}; removes the temporary
     * files a killed run may have left beside it.
     *
     * @throws ConfigException naming the folder or file, or {@code --resume} and the first setting
     *                         that differs, when the run cannot be resumed with {@code config}
     * @param runDir   the run folder to resume
     * @param config   the config given with {@code --resume}
     * @param registry resolves the checkpoint's components
     * @param threads  the engine's thread count
     * @return the checkpoint
     * @throws IOException if it cannot be read
     */
    public static Checkpoint open(Path runDir, PipelineConfig config, PluginRegistry registry, int threads)
            throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new ConfigException(
                    runDir.toString(),
                    Files.exists(runDir)
                            ? "not a folder; give the run folder to resume"
                            : "no such run folder; give the folder nn train wrote (runs/NAME-TIME)");
        }
        Path file = runDir.resolve(Checkpoint.FILE_NAME);
        if (!Files.exists(file)) {
            throw new ConfigException(
                    file.toString(),
                    "no checkpoint to resume from: the run did not have train.checkpoint:"
                            + " true, or stopped before its first epoch ended; start it again");
        }
        AtomicFile.removeLeftovers(runDir);
        Checkpoint checkpoint = Checkpoint.load(file, registry, threads);
        String difference = difference(checkpoint.model().info().config(), config.resolved(), "");
        if (difference != null) {
            throw new ConfigException(
                    "--resume",
                    "the checkpoint in " + runDir + " was made with another config: " + difference
                            + "; resume with the config, --set and --seed the run was started with");
        }
        return checkpoint;
    }

    /**
     * The first setting where {@code saved} (read back from a file) and {@code now} differ, in
     * words, or null when they agree. Numbers compare by value (a file reads 5 back as an int
     * where the config holds a long).
     */
    static String difference(Object saved, Object now, String path) {
        if (saved instanceof Map<?, ?> a && now instanceof Map<?, ?> b) {
            Set<Object> keys = new LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                String at = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                if (path.isEmpty() && MAY_DIFFER.contains(String.valueOf(key))) {
                    continue;
                }
                String d = difference(a.get(key), b.get(key), at);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (saved instanceof List<?> a && now instanceof List<?> b) {
            if (a.size() != b.size()) {
                return path + " is " + text(saved) + " in the checkpoint but " + text(now) + " now";
            }
            for (int i = 0; i < a.size(); i++) {
                String d = difference(a.get(i), b.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        return same(saved, now) ? null : path + " is " + text(saved) + " in the checkpoint but " + text(now) + " now";
    }

    private static boolean same(Object a, Object b) {
        if ((a instanceof Integer || a instanceof Long) && (b instanceof Integer || b instanceof Long)) {
            return ((Number) a).longValue() == ((Number) b).longValue();
        }
        if (a instanceof Number x
                && b instanceof Number y
                && !(a instanceof Integer || a instanceof Long)
                && !(b instanceof Integer || b instanceof Long)) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    private static String text(Object value) {
        if (value == null) {
            return "not set";
        }
        List<String> parts = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> parts.add(k + ": " + text(v)));
            return "{" + String.join(", ", parts) + "}";
        }
        if (value instanceof List<?> list) {
            list.forEach(v -> parts.add(text(v)));
            return "[" + String.join(", ", parts) + "]";
        }
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }
}
