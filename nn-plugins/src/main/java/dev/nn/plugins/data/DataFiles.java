package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** How the file-based datasets open their files, and what they say when a file is missing or unreadable. */
final class DataFiles {
    private static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    private DataFiles() {
    }

    /**
     * Opens {@code file} for reading; {@code expected} names what it should be ("an IDX file").
     *
     * @throws ConfigException when the file is missing, a folder or not readable
     */
    static InputStream open(Path file, String expected) throws IOException {
        if (Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), "is a folder, expected " + expected);
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw notFound(file);
        } catch (AccessDeniedException e) {
            throw new ConfigException(file.toString(), "cannot be read: permission denied; check the file's permissions");
        }
    }

    /**
     * The error for a missing data file. Debian installs datasets as {@code dataset-<name>} packages
     * under /usr/share/datasets/<name>/, so a path there also says which package to install.
     */
    static ConfigException notFound(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(DEBIAN_DATASETS) && absolute.getNameCount() > DEBIAN_DATASETS.getNameCount() + 1) {
            String name = absolute.getName(DEBIAN_DATASETS.getNameCount()).toString();
            return new ConfigException(file.toString(), "file not found; Debian ships this data set: "
                    + "apt-get install dataset-" + name);
        }
        return new ConfigException(file.toString(),
                "file not found; check the path (relative paths are resolved against the config file's folder)");
    }
}
