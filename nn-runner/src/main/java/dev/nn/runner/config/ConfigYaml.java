package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import dev.nn.core.internal.SafeYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a pipeline config file with nn's one YAML reader ({@link SafeYaml}, under its config
 * policy), refusing what is not a regular file, too large, or not UTF-8 before parsing.
 */
final class ConfigYaml {
    /** The largest config file read, in bytes. */
    static final int MAX_BYTES = SafeYaml.Kind.CONFIG.maxChars();

    private ConfigYaml() {}

    /** A document read: its root value (usually a map) and where each of its settings is. */
    record Document(Object root, SourcePositions positions) {}

    /**
     * Reads {@code file}, naming it {@code source} in messages.
     *
     * @throws ConfigException listing every problem: a missing or unreadable file, a syntax error,
     *                         a tag, a duplicate key, too many aliases, an empty document
     */
    static Document read(Path file, String source) {
        String text;
        InputFiles.refuseNonRegular(file, ConfigLoader.CONFIG_FILE);
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(
                        source,
                        "the file is " + size + " bytes; a pipeline config may be at most " + MAX_BYTES
                                + " bytes (3 MB)");
            }
            text = SafeYaml.utf8(Files.readAllBytes(file), source);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "config file not found");
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read the config file: " + e.getMessage());
        }
        SourcePositions positions = new SourcePositions(source);
        Object root = SafeYaml.read(text, source, SafeYaml.Kind.CONFIG, positions::put);
        return new Document(root, positions);
    }
}
