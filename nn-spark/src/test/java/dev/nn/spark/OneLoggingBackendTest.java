package dev.nn.spark;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Spark's log4j2 binding for SLF4J is left out: with nn's tests' Logback there is one SLF4J
 * provider, so SLF4J warns of none, and Spark's INFO lines stay out of the output.
 */
class OneLoggingBackendTest {

    @TempDir
    Path dir;

    @Test
    void slf4jHasOneProviderLogback() {
        List<String> providers = new ArrayList<>();
        ServiceLoader.load(SLF4JServiceProvider.class)
                .forEach(p -> providers.add(p.getClass().getName()));

        assertThat(providers).containsExactly("ch.qos.logback.classic.spi.LogbackServiceProvider");
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(LoggerContext.class);
    }

    @Test
    void startingSparkInAFreshJvmPrintsNoSlf4jWarningAndNoInfoLines() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SparkStart.class.getName());
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("Spark started and stopped")
                .isTrue();
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stdout).contains("factory ch.qos.logback.classic.LoggerContext", "count 100");
        assertThat(stderr.lines())
                .as("standard error")
                .noneMatch(line -> line.startsWith("SLF4J"))
                .noneMatch(line -> line.startsWith("INFO "))
                .noneMatch(line -> line.contains("StatusLogger"));
    }
}
