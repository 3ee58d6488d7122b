package dev.nn.core.io;

import dev.nn.api.FeatureTransform;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a model file records besides the network: the class names, the fitted preprocessing, and
 * how the model was made (config, nn version, seed, engine, data checksum, time), so a person can
 * use it on new inputs and tell how to make it again.
 *
 * @param classNames   class names by label; empty for regression
 * @param transforms   the fitted preprocessing, in the order applied to raw inputs
 * @param config       the resolved pipeline config as plain maps, lists, strings, numbers and
 *                     booleans; may be empty. Whole numbers load back as {@code Integer} (or
 *                     {@code Long} when they need it), real numbers as {@code Double}
 * @param nnVersion    the nn version that trained the model ({@code "0.1.0-SNAPSHOT"})
 * @param seed         the seed the network was built (and trained) with; the loaded network gets it
 *                     again, so training it further continues from the same random streams
 * @param engine       the name of the engine it was trained on ({@code "vector"})
 * @param dataChecksum {@link dev.nn.api.Dataset#checksum} of the training data, or {@code ""} if unknown
 * @param created      when the model was saved, as an ISO-8601 instant
 */
public record ModelInfo(
        List<String> classNames,
        List<FeatureTransform> transforms,
        Map<String, Object> config,
        String nnVersion,
        long seed,
        String engine,
        String dataChecksum,
        String created) {

    /**
     * Keeps read-only copies of the lists and the config; every part but the seed is required.
     *
     * @param classNames   class names by label; empty for regression
     * @param transforms   the fitted preprocessing, in the order applied to raw inputs
     * @param config       the resolved pipeline config as plain maps, lists, strings, numbers and booleans; may be empty. Whole numbers load back as {@code Integer} (or {@code Long} when they need it), real numbers as {@code Double}
     * @param nnVersion    the nn version that trained the model ({@code "0.1.0-SNAPSHOT"})
     * @param seed         the seed the network was built (and trained) with; the loaded network gets it again, so training it further continues from the same random streams
     * @param engine       the name of the engine it was trained on ({@code "vector"})
     * @param dataChecksum {@link dev.nn.api.Dataset#checksum} of the training data, or {@code ""} if unknown
     * @param created      when the model was saved, as an ISO-8601 instant
     */
    public ModelInfo {
        classNames = List.copyOf(classNames);
        transforms = List.copyOf(transforms);
        config = readOnlyMap(Objects.requireNonNull(config, "config"));
        Objects.requireNonNull(nnVersion, "nnVersion");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(dataChecksum, "dataChecksum");
        Objects.requireNonNull(created, "created");
    }

    /**
     * {@return this information with another time of saving}
     *
     * @param time when the model was saved, as an ISO-8601 instant
     */
    public ModelInfo withCreated(String time) {
        return new ModelInfo(classNames, transforms, config, nnVersion, seed, engine, dataChecksum, time);
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
