package dev.nn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
    @TempDir
    Path dir;

    private static String refusal(Path path) {
        try {
            InputFiles.refuseNonRegular(path, "a CSV file");
        } catch (ConfigException e) {
            return e.getMessage();
        }
        return null;
    }

    @Test
    void aFifoIsRefusedWithoutBeingOpened() throws Exception {
        Path fifo = dir.resolve("pipe.csv");
        assertThat(new ProcessBuilder("/usr/bin/mkfifo", fifo.toString())
                        .start()
                        .waitFor())
                .isZero();

        // Opening a FIFO with no writer blocks for ever: a regression fails here instead of hanging.
        String message = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refusal(fifo));

        assertThat(message)
                .isEqualTo(fifo + ": is a FIFO (named pipe), not a regular file; give the path of a CSV file");
    }

    @Test
    void aCharacterDeviceIsRefused() {
        assertThat(refusal(Path.of("/dev/zero")))
                .isEqualTo("/dev/zero: is a character device, not a regular file; give the path of a CSV file");
        assertThat(refusal(Path.of("/dev/null")))
                .isEqualTo("/dev/null: is a character device, not a regular file; give the path of a CSV file");
    }

    @Test
    void aBlockDeviceIsRefused() {
        Path disk = Path.of("/dev/loop0");
        Assumptions.assumeTrue(Files.exists(disk), "no block device /dev/loop0 on this machine");
        assertThat(refusal(disk))
                .isEqualTo("/dev/loop0: is a block device, not a regular file; give the path of a CSV file");
    }

    @Test
    void aSocketIsRefused() throws IOException {
        Path socket = dir.resolve("server.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertThat(refusal(socket))
                .isEqualTo(socket + ": is a socket, not a regular file; give the path of a CSV file");
    }

    @Test
    void aFolderIsRefused() {
        assertThat(refusal(dir)).isEqualTo(dir + ": is a folder, not a regular file; give the path of a CSV file");
    }

    @Test
    void aRegularFileALinkToOneAndAMissingFilePass() throws IOException {
        Path file = Files.writeString(dir.resolve("data.csv"), "1,2\n");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), file);
        assertThatCode(() -> InputFiles.refuseNonRegular(file, "a CSV file")).doesNotThrowAnyException();
        assertThatCode(() -> InputFiles.refuseNonRegular(link, "a CSV file")).doesNotThrowAnyException();
        assertThatCode(() -> InputFiles.refuseNonRegular(dir.resolve("missing.csv"), "a CSV file"))
                .doesNotThrowAnyException();
        assertThat(InputFiles.problem(file, "a CSV file")).isNull();
        assertThat(InputFiles.problem(link, "a CSV file")).isNull();
    }

    @Test
    void aLinkToADeviceIsRefusedAsTheDeviceUnderItsOwnName() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("data.csv"), Path.of("/dev/zero"));
        assertThatThrownBy(() -> InputFiles.refuseNonRegular(link, "a CSV file"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(link + ": is a character device, not a regular file; give the path of a CSV file");
    }

    @Test
    @Tag("optional-data")
    void aMissingFileUnderDebiansDatasetsNamesThePackage() {
        Path images = Path.of("/usr/share/datasets/no-such-set-4f2a/train-images-idx3-ubyte.gz");
        assertThat(InputFiles.problem(images, "an IDX file"))
                .isEqualTo("file not found; Debian ships this data set: apt-get install dataset-no-such-set-4f2a");
        assertThat(InputFiles.notFoundHint(images))
                .isEqualTo("; Debian ships this data set: apt-get install dataset-no-such-set-4f2a");
    }

    @Test
    void aMissingFileElsewhereHasNoHint() {
        assertThat(InputFiles.problem(dir.resolve("missing.csv"), "a CSV file")).isEqualTo("file not found");
        assertThat(InputFiles.notFoundHint(dir.resolve("missing.csv"))).isEmpty();
        // The folder itself is no data set: there is no package to name.
        assertThat(InputFiles.notFoundHint(Path.of("/usr/share/datasets/x.gz"))).isEmpty();
    }
}
