package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import java.nio.file.Path;

/** What the file-based datasets say when a file is missing. */
final class DataFiles {
    private static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");

    private DataFiles() {
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
