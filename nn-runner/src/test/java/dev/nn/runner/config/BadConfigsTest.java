package dev.nn.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.core.registry.PluginRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads every broken config under {@code bad-configs/} and checks that the loader reports exactly
 * the one-line problems the file's {@code # expect:} comments list (see the folder's README).
 */
class BadConfigsTest {
    static final Path DIR = Path.of("src/test/resources/bad-configs");
    private static final String EXPECT = "# expect: ";
    private static final String EXPECT_BUILD = "# expect-build: ";
    private static final String SET = "# set: ";

    private final ConfigLoader loader = new ConfigLoader(PluginRegistry.defaultRegistry());

    static Stream<Path> configs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void eachBadConfigReportsExactlyTheProblemsItsCommentsExpect(Path file) throws IOException {
        // Bytes that are not UTF-8 (a file may be broken that way) read as U+FFFD; the comments are plain text.
        List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                .lines()
                .toList();
        List<String> overrides = comments(lines, SET);
        List<String> expected = new ArrayList<>();
        for (String expectation : comments(lines, EXPECT)) {
            expected.add(expand(expectation, file));
        }
        if (!comments(lines, EXPECT_BUILD).isEmpty()) {
            assertThat(expected)
                    .as("a file found bad by the network build is accepted by the loader")
                    .isEmpty();
            assertThat(loader.load(file, overrides).model().layers()).isNotEmpty();
            return;
        }
        assertThat(expected).as(file + " says what it expects").isNotEmpty();

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.load(file, overrides));

        assertThat(e).as(file + " is refused").isNotNull();
        List<String> actual = e.problems().stream().map(Problem::toString).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(actual)
                .allSatisfy(line -> assertThat(line).doesNotContain("\n").doesNotContain("\r"));
        assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
    }

    @Test
    void anAliasBombIsRefusedAtOnce() {
        long start = System.nanoTime();
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> loader.load(DIR.resolve("alias-bomb.yaml"), List.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(e.problems()).hasSize(1);
        assertThat(millis).as("milliseconds to refuse a billion laughs").isLessThan(1000);
    }

    @Test
    void aClassTagNeverRunsTheClass() {
        Path marker = Path.of("/tmp/nn-pwned");
        catchThrowableOfType(ConfigException.class, () -> loader.load(DIR.resolve("class-tag.yaml"), List.of()));

        assertThat(marker).doesNotExist();
    }

    @Test
    void everyBadConfigHasAnExpectation() throws IOException {
        try (Stream<Path> files = configs()) {
            assertThat(files.toList()).hasSizeGreaterThanOrEqualTo(20).allSatisfy(file -> {
                List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
                assertThat(comments(lines, EXPECT).size()
                                + comments(lines, EXPECT_BUILD).size())
                        .as(file.toString())
                        .isPositive();
            });
        }
    }

    /** An expectation with the file's name put in front of its position, and ${dir} expanded. */
    private static String expand(String expectation, Path file) {
        String text = expectation.replace(
                "${dir}", file.toAbsolutePath().normalize().getParent().toString());
        if (text.startsWith("--set ") || text.startsWith("-: ")) {
            return text.startsWith("-: ") ? file + ": " + text.substring(3) : text;
        }
        return file + ":" + text;
    }

    private static List<String> comments(List<String> lines, String prefix) {
        return lines.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .toList();
    }
}
