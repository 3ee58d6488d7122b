package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** How the file-based datasets open their files, and what they say when a file is missing or unreadable. */
final class DataFiles {
    private DataFiles() {}

    /**
     * Opens {@code file} for reading; {@code expected} names what it should be ("an IDX file").
     *
     * @throws ConfigException when the file is missing, not a regular file (a folder, a FIFO, a device) or not readable
     */
    static InputStream open(Path file, String expected) throws IOException {
        InputFiles.refuseNonRegular(file, expected);
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (AccessDeniedException e) {
            throw new ConfigException(
                    file.toString(), "cannot be read: permission denied; check the file's permissions");
        }
    }

    /** The error for a missing data file: which Debian package ships it ({@link InputFiles#notFoundHint}), or to check the path. */
    static ConfigException notFound(Path file) {
        String hint = InputFiles.notFoundHint(file);
        return new ConfigException(
                file.toString(),
                "file not found"
                        + (hint.isEmpty()
                                ? "; check the path (relative paths are resolved against the config file's folder)"
                                : hint));
    }
}
