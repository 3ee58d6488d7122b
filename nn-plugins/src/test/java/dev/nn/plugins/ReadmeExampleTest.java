package dev.nn.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the embedding example exactly as the README shows it, so the README cannot
 * rot, and checks that it reaches the accuracy the README promises.
 */
class ReadmeExampleTest {

    @Test
    void readmeEmbeddingExampleCompilesRunsAndReaches97Percent(@TempDir Path dir) throws Exception {
        String report = ReadmePrograms.compileAndRun("DigitsExample", ReadmePrograms.program("embedding-example"), dir);
        assertThat(ReadmePrograms.accuracy(report)).isGreaterThanOrEqualTo(0.97);
        assertThat(List.of(report.split("\n"))).anyMatch(line -> line.contains("weighted avg"));
    }
}
