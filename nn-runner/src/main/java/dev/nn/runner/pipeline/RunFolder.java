package dev.nn.runner.pipeline;

import dev.nn.api.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/** Chooses and creates the folder a run writes into, never reusing one that already holds files. */
public final class RunFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunFolder() {}

    /**
     * {@code out} when given (it must be missing or empty), else {@code runs/<name>-<yyyyMMdd-HHmmss>}
     * under the working directory, with a suffix when two runs start in the same second.
     *
     * @param out  the folder given with {@code --out}, or null
     * @param name the run's name
     * @return the new folder
     * @throws IOException if it cannot be made
     */
    public static Path create(Path out, String name) throws IOException {
        if (out != null) {
            if (Files.exists(out) && !isEmptyFolder(out)) {
                throw new ConfigException(
                        "--out",
                        out + " already exists and is not an empty folder; "
                                + "choose another --out so earlier results are not overwritten");
            }
            return Files.createDirectories(out);
        }
        String base = name + "-" + LocalDateTime.now().format(STAMP);
        Path runs = Files.createDirectories(Path.of("runs"));
        for (int i = 1; ; i++) {
            Path candidate = runs.resolve(i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(candidate);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // Another run started in the same second: try the next suffix.
            }
        }
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
