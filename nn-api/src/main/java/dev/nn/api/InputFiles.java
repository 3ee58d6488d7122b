package dev.nn.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What nn says about a file it is given to read (a config, a data file, a model, a plugin jar):
 * the one place that decides whether a path is a file that can be read, and how a missing or
 * unusable one is reported. Dataset plugins call it as the built-in datasets do.
 *
 * <p>Only a regular file (or a symbolic link to one) is accepted. Anything else is refused before
 * it is opened: a FIFO would block the open until some other process writes to it, and a device
 * such as {@code /dev/zero} never ends. The kind is read from the file's attributes (on Linux the
 * {@code unix:mode} bits), never by opening it.
 */
public final class InputFiles {
    private static final Path DEBIAN_DATASETS = Path.of("/usr/share/datasets");
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private InputFiles() {}

    /**
     * Refuses {@code file} when it exists but is not a regular file, before anything opens it. A
     * regular file, a symbolic link to one, and a missing file pass: the caller opens the file and
     * reports a missing one with what it knows (where relative paths start, {@link #notFoundHint}).
     *
     * @param file     the path as the user gave it (resolved); named in the message
     * @param expected what the file should be, with its article: {@code "a CSV file"}
     * @throws ConfigException naming {@code file}, for example {@code pipe.csv: is a FIFO (named
     *                         pipe), not a regular file; give the path of a CSV file}
     */
    public static void refuseNonRegular(Path file, String expected) {
        String kind = kind(file);
        if (kind != null && !kind.isEmpty()) {
            throw new ConfigException(file.toString(), notRegular(kind, expected));
        }
    }

    /**
     * Why {@code file} cannot be read as {@code expected}, as the text that follows the path in a
     * message, or null when it is a regular file. A missing file is {@code "file not found"} followed
     * by {@link #notFoundHint}.
     *
     * @param file     the path as the user gave it (resolved)
     * @param expected what the file should be, with its article: {@code "an IDX file"}
     * @return what is wrong with it, or null when it is a regular file
     */
    public static String problem(Path file, String expected) {
        String kind = kind(file);
        if (kind == null) {
            return null;
        }
        if (kind.isEmpty()) {
            return "file not found" + notFoundHint(file);
        }
        return notRegular(kind, expected);
    }

    private static String notRegular(String kind, String expected) {
        return kind + ", not a regular file; give the path of " + expected;
    }

    /**
     * What a person can do about a missing file, starting with {@code "; "}, or {@code ""} when
     * there is nothing particular to say. Debian installs data sets as {@code dataset-<name>}
     * packages under /usr/share/datasets/&lt;name&gt;/, so a path there names the package to install.
     *
     * @param file the missing file
     * @return the hint, or {@code ""}
     */
    public static String notFoundHint(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (absolute.startsWith(DEBIAN_DATASETS) && absolute.getNameCount() > DEBIAN_DATASETS.getNameCount() + 1) {
            return "; Debian ships this data set: apt-get install dataset-"
                    + absolute.getName(DEBIAN_DATASETS.getNameCount());
        }
        return "";
    }

    /** Null for a regular file, "" for a missing one, else what it is ("is a FIFO (named pipe)"). */
    private static String kind(Path file) {
        try {
            Object mode = Files.readAttributes(file, "unix:mode").get("mode");
            if (mode instanceof Integer bits) {
                return switch (bits & S_IFMT) {
                    case S_IFREG -> null;
                    case S_IFDIR -> "is a folder";
                    case S_IFIFO -> "is a FIFO (named pipe)";
                    case S_IFCHR -> "is a character device";
                    case S_IFBLK -> "is a block device";
                    case S_IFSOCK -> "is a socket";
                    default -> "is not a regular file";
                };
            }
        } catch (NoSuchFileException e) {
            return "";
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            // No unix view on this file system: the generic attributes still tell a file from the rest.
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.isRegularFile()
                    ? null
                    : attributes.isDirectory() ? "is a folder" : "is not a regular file";
        } catch (NoSuchFileException e) {
            return "";
        } catch (IOException e) {
            // Not even its attributes can be read (no search permission on a folder on the way):
            // opening it fails at once too, and the caller reports that as it reports any unreadable file.
            return null;
        }
    }
}
