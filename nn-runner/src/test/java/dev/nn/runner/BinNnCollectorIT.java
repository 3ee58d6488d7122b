package dev.nn.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/nn runs the JVM with the serial collector unless JAVA_OPTS names a collector of its own. */
class BinNnCollectorIT {
    private static final Path BIN_NN = Path.of("..", "bin", "nn").toAbsolutePath();
    private static final Path DIGITS = Path.of("..", "configs", "digits.yaml").toAbsolutePath();

    private static String validate(String javaOpts) throws IOException, InterruptedException {
        ProcessBuilder pb =
                new ProcessBuilder(BIN_NN.toString(), "validate", DIGITS.toString()).redirectErrorStream(true);
        pb.environment().put("JAVA_OPTS", javaOpts);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    @Test
    void theSerialCollectorByDefault() throws Exception {
        assertThat(validate("-Xlog:gc:stdout")).contains("Using Serial").contains("digits.yaml: OK");
    }

    @Test
    void aCollectorNamedInJavaOptsWins() throws Exception {
        assertThat(validate("-XX:+UseParallelGC -Xlog:gc:stdout"))
                .contains("Using Parallel")
                .doesNotContain("Using Serial");
    }
}
