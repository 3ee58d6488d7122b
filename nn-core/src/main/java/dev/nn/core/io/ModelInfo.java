package dev.nn.core.io;

import dev.nn.api.Preprocessing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file records besides the network: the class names, the fitted preprocessing, and
 * how the model was made (config, nn version, seed, engine, data checksum, time, and the Java, OS
 * and CPU it was made on, since results depend on the platform's {@code Math.exp}), so a person
 * can use it on new inputs and tell how to make it again.
 *
 * @param classNames   class names by label; empty for regression
 * @param preprocessing the fitted preprocessing: a table's encoding and the feature steps, applied to raw
 *                     inputs before the network, and the scaling of regression targets, undone after it (a
 *                     loaded network does both in predict)
 * @param config       the resolved pipeline config as plain maps, lists, strings, numbers and
 *                     booleans; may be empty. Whole numbers load back as {@code Integer} (or
 *                     {@code Long} when they need it), real numbers as {@code Double}
 * @param nnVersion    the nn version that trained the model ({@code "0.1.0-SNAPSHOT"})
 * @param seed         the seed the network was built (and trained) with; the loaded network gets it
 *                     again, so training it further continues from the same random streams
 * @param engine       the name of the engine it was trained on ({@code "vector"})
 * @param dataChecksum {@link dev.nn.api.Dataset#checksum} of the training data, or {@code ""} if unknown
 * @param created      when the model was saved, as an ISO-8601 instant
 * @param javaVersion  the Java version it was trained on ({@code Runtime.version()}), or {@code ""}
 *                     if unknown (a file from before nn recorded it)
 * @param os           the operating system's name ({@code os.name}), or {@code ""} if unknown
 * @param arch         the CPU architecture ({@code os.arch}), or {@code ""} if unknown
 */
public record ModelInfo(
        List<String> classNames,
        Preprocessing preprocessing,
        Map<String, Object> config,
        String nnVersion,
        long seed,
        String engine,
        String dataChecksum,
        String created,
        String javaVersion,
        String os,
        String arch) {

    /**
     * Keeps read-only copies of the lists and the config; every part but the seed is required.
     *
     * @param classNames   class names by label; empty for regression
     * @param preprocessing the fitted preprocessing, applied to raw inputs before the network (a loaded network applies it in predict)
     * @param config       the resolved pipeline config as plain maps, lists, strings, numbers and booleans; may be empty. Whole numbers load back as {@code Integer} (or {@code Long} when they need it), real numbers as {@code Double}
     * @param nnVersion    the nn version that trained the model ({@code "0.1.0-SNAPSHOT"})
     * @param seed         the seed the network was built (and trained) with; the loaded network gets it again, so training it further continues from the same random streams
     * @param engine       the name of the engine it was trained on ({@code "vector"})
     * @param dataChecksum {@link dev.nn.api.Dataset#checksum} of the training data, or {@code ""} if unknown
     * @param created      when the model was saved, as an ISO-8601 instant
     * @param javaVersion  the Java version it was trained on, or {@code ""} if unknown
     * @param os           the operating system's name, or {@code ""} if unknown
     * @param arch         the CPU architecture, or {@code ""} if unknown
     */
    public ModelInfo {
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(preprocessing, "preprocessing");
        config = readOnlyMap(Objects.requireNonNull(config, "config"));
        Objects.requireNonNull(nnVersion, "nnVersion");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(dataChecksum, "dataChecksum");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
    }

    /**
     * How a model made on this platform, now, is described: the Java version, OS and CPU
     * architecture are those of the running JVM.
     *
     * @param classNames   class names by label; empty for regression
     * @param preprocessing the fitted preprocessing, applied to raw inputs before the network (a loaded network applies it in predict)
     * @param config       the resolved pipeline config as plain data; may be empty
     * @param nnVersion    the nn version that trained the model
     * @param seed         the seed the network was built (and trained) with
     * @param engine       the name of the engine it was trained on
     * @param dataChecksum {@link dev.nn.api.Dataset#checksum} of the training data, or {@code ""} if unknown
     * @param created      when the model was saved, as an ISO-8601 instant
     */
    public ModelInfo(
            List<String> classNames,
            Preprocessing preprocessing,
            Map<String, Object> config,
            String nnVersion,
            long seed,
            String engine,
            String dataChecksum,
            String created) {
        this(
                classNames,
                preprocessing,
                config,
                nnVersion,
                seed,
                engine,
                dataChecksum,
                created,
                Runtime.version().toString(),
                System.getProperty("os.name", ""),
                System.getProperty("os.arch", ""));
    }

    /**
     * {@return this information with another time of saving}
     *
     * @param time when the model was saved, as an ISO-8601 instant
     */
    public ModelInfo withCreated(String time) {
        return new ModelInfo(
                classNames, preprocessing, config, nnVersion, seed, engine, dataChecksum, time, javaVersion, os, arch);
    }

    /** {@return the platform it was made on, as {@code "Java 17.0.15+6, Linux amd64"}, or {@code ""} if unknown} */
    public String platform() {
        if (javaVersion.isEmpty() && os.isEmpty() && arch.isEmpty()) {
            return "";
        }
        return ("Java " + javaVersion + ", " + os + " " + arch).strip();
    }

    // A deep read-only copy that keeps order and null values (both may matter in a config tree),
    // which Map.copyOf would not.
    private static Map<String, Object> readOnlyMap(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), readOnly(v)));
        return Collections.unmodifiableMap(copy);
    }

    private static Object readOnly(Object value) {
        if (value instanceof Map<?, ?> m) {
            return readOnlyMap(m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(readOnly(v)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
