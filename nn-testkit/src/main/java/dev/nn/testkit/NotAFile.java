package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The kinds of path that exist but are not regular files, for tests that an input is refused
 * before anything opens it ({@link dev.nn.api.InputFiles}): a dataset plugin's test can hand each
 * one to its provider and expect the same one-line message as nn's own datasets give.
 */
public enum NotAFile {
    /** A named pipe: opening it for reading blocks until a writer comes, so it must never be opened. */
    FIFO("is a FIFO (named pipe)"),
    /** A Unix domain socket, left behind by a server that bound it. */
    SOCKET("is a socket"),
    /** {@code /dev/null}: reads as empty. */
    DEV_NULL("is a character device"),
    /** {@code /dev/zero}: reads zero bytes for ever. */
    DEV_ZERO("is a character device"),
    /** A disk: the first block device found under /dev (the test is skipped, saying so, where there is none). */
    BLOCK_DEVICE("is a block device"),
    /** A folder where a file is expected. */
    FOLDER("is a folder");

    private static final List<String> DISKS =
            List.of("/dev/loop0", "/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/xvda");

    private final String what;

    NotAFile(String what) {
        this.what = what;
    }

    /** {@return what the refusal says it is: {@code "is a FIFO (named pipe)"}} */
    public String what() {
        return what;
    }

    /**
     * The line an input of this kind is refused with: {@code PATH: is a FIFO (named pipe), not a
     * regular file; give the path of EXPECTED}.
     *
     * @param path     the refused path, as the message names it
     * @param expected what the file should have been, with its article: {@code "a CSV file"}
     * @return the line
     */
    public String refusal(Path path, String expected) {
        return path + ": " + what + ", not a regular file; give the path of " + expected;
    }

    /**
     * Makes one at {@code dir/name}: the FIFO, socket or folder itself, and for a device a symbolic
     * link to it (a link to a file is followed, so it is refused as the device it names).
     *
     * @param dir  the folder to make it in
     * @param name its name there
     * @return its path
     * @throws IOException when it cannot be made
     */
    public Path make(Path dir, String name) throws IOException {
        Path path = dir.resolve(name);
        switch (this) {
            case FIFO -> mkfifo(path);
            case SOCKET -> {
                try (ServerSocketChannel server = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
                    server.bind(UnixDomainSocketAddress.of(path));
                }
            }
            case DEV_NULL -> Files.createSymbolicLink(path, Path.of("/dev/null"));
            case DEV_ZERO -> Files.createSymbolicLink(path, Path.of("/dev/zero"));
            case BLOCK_DEVICE -> Files.createSymbolicLink(path, blockDevice());
            case FOLDER -> Files.createDirectory(path);
            default -> throw new IllegalStateException(name());
        }
        return path;
    }

    /**
     * A block device of this machine; skips the calling test, saying why, when there is none.
     *
     * @return the device's path
     * @throws IOException when a candidate's attributes cannot be read
     */
    public static Path blockDevice() throws IOException {
        for (String disk : DISKS) {
            Path path = Path.of(disk);
            if (Files.exists(path)
                    && (((Integer) Files.readAttributes(path, "unix:mode").get("mode")) & 0170000) == 0060000) {
                return path;
            }
        }
        Assumptions.assumeTrue(false, "no block device here (looked for " + String.join(", ", DISKS) + ")");
        return null;
    }

    private static void mkfifo(Path path) throws IOException {
        Process mkfifo = new ProcessBuilder("/usr/bin/mkfifo", path.toString())
                .redirectErrorStream(true)
                .start();
        try {
            assertThat(mkfifo.waitFor(30, TimeUnit.SECONDS))
                    .as("mkfifo finished")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + path, e);
        }
        assertThat(mkfifo.exitValue())
                .as("mkfifo " + path + ": " + new String(mkfifo.getInputStream().readAllBytes()))
                .isZero();
    }
}
