package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.core.registry.OptionChecker;
import java.nio.file.Path;
import java.util.Map;

/** Reads the JSON files nn writes (metrics.json) back as plain maps, lists, strings, numbers and booleans. */
public final class JsonReader {
    private JsonReader() {}

    /**
     * The JSON object in {@code file}. JSON is YAML, so the safe YAML reader parses it, with its
     * size limits and its {@code file:line:col} messages.
     *
     * @throws ConfigException when the file is missing, unreadable, not JSON or not an object
     * @param file the JSON file
     * @return its top-level object as plain maps, lists, strings, numbers and booleans
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(Path file) {
        Object root = ConfigYaml.read(file, file.toString()).root();
        if (!(root instanceof Map<?, ?> map)) {
            throw new ConfigException(file.toString(), "expected a JSON object, got " + OptionChecker.describe(root));
        }
        return (Map<String, Object>) map;
    }
}
