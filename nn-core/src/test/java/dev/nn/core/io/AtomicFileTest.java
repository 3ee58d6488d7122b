package dev.nn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The pid of a process that has ended. */
    private static long deadPid() throws Exception {
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.pid();
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("metrics.json");
        Files.writeString(file, "old");
        AtomicFile.write(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(names()).containsExactly("metrics.json");
    }

    @Test
    void theWrittenFileIsReadableByOthersLikeAnyFileNnWrites() throws IOException {
        Path file = dir.resolve("report.html");
        AtomicFile.write(file, out -> out.write('x'));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .startsWith("rw-r");
        }
    }

    @Test
    void aFailingWriteKeepsTheOldFileAndRemovesItsTemporaryFile() throws IOException {
        Path file = dir.resolve("model.zip");
        Files.writeString(file, "the previous model");
        assertThatThrownBy(() -> AtomicFile.write(file, out -> {
                    out.write("half of a new".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }))
                .hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("the previous model");
        assertThat(names()).containsExactly("model.zip");
    }

    @Test
    void contentMayCloseTheStreamItWasGiven() throws IOException {
        Path file = dir.resolve("notes.txt");
        AtomicFile.write(file, out -> {
            try (out) {
                out.write("closed by its writer".getBytes(StandardCharsets.UTF_8));
            }
        });
        assertThat(Files.readString(file)).isEqualTo("closed by its writer");
    }

    @Test
    void removeLeftoversDeletesOnlyTheTemporaryFilesOfEndedProcesses() throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().parent().orElseThrow().pid();
        for (String name : List.of(
                ".model.zip." + dead + "-3.tmp",
                ".report.html." + dead + "-12.tmp",
                ".checkpoint.zip." + dead + "-1.tmp",
                ".loss.png." + live + "-4.tmp",
                ".model.zip." + ProcessHandle.current().pid() + "-9.tmp",
                "model.zip",
                "user-notes.tmp",
                ".hidden.tmp",
                ".x.y.zz-1.tmp")) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(AtomicFile.removeLeftovers(dir)).isEqualTo(3);
        assertThat(names())
                .containsExactly(
                        ".hidden.tmp",
                        ".loss.png." + live + "-4.tmp",
                        ".model.zip." + ProcessHandle.current().pid() + "-9.tmp",
                        ".x.y.zz-1.tmp",
                        "model.zip",
                        "user-notes.tmp");
    }

    @Test
    void removeLeftoversLeavesAFolderOfTheSameNameAlone() throws Exception {
        Path folder = Files.createDirectory(dir.resolve(".model.zip." + deadPid() + "-1.tmp"));
        assertThat(AtomicFile.removeLeftovers(dir)).isZero();
        assertThat(folder).isDirectory();
    }

    @Test
    void removeLeftoversOfAMissingFolderRemovesNothing() throws IOException {
        assertThat(AtomicFile.removeLeftovers(dir.resolve("gone"))).isZero();
    }
}
