package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken config of the corpus, through {@code nn train}: exit code 2, one line per problem
 * naming the file (and line and column, or byte offset, where there is one), and nothing written:
 * no new run folder, and an earlier run's folder given as {@code --out} left byte for byte as it was.
 */
class BadConfigsCliTest {
    private static final Path CORPUS =
            Path.of("src", "test", "resources", "bad-configs").toAbsolutePath();
    private static final Path GOOD = Path.of("src", "test", "resources", "good-configs");

    @TempDir
    static Path tmp;

    private static Path earlierRun;
    private static Map<String, String> earlierFiles;

    @BeforeAll
    static void trainAnEarlierRun() {
        earlierRun = tmp.resolve("earlier-run");
        Cli cli = Cli.run(
                "train",
                GOOD.resolve("minimal.yaml").toString(),
                "--set",
                "train.epochs=1",
                "--out",
                earlierRun.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        earlierFiles = FolderSnapshot.of(earlierRun);
        assertThat(earlierFiles).containsKeys("config.yaml", "metrics.json", "model.zip", "run.log");
    }

    @TestFactory
    Stream<DynamicTest> everyBrokenConfigExitsWithTwoAndOneLinePerProblemAndWritesNothing() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(CORPUS)) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        return files.stream()
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    List<String> args = new ArrayList<>(List.of(
                            "train",
                            file.toString(),
                            "--out",
                            tmp.resolve("run").toString()));
                    List<String> expected = new ArrayList<>();
                    // A file may be broken by bytes that are not UTF-8; they read as U+FFFD, the comments are plain
                    // text.
                    for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8)
                            .lines()
                            .toList()) {
                        if (line.startsWith("# set: ")) {
                            args.add("--set");
                            args.add(line.substring("# set: ".length()));
                        } else if (line.startsWith("# expect: ") || line.startsWith("# expect-build: ")) {
                            expected.add(line.substring(line.indexOf(": ") + 2).replace("${dir}", CORPUS.toString()));
                        }
                    }
                    List<String> shown = new ArrayList<>();
                    for (String e : expected) {
                        shown.add("nn: "
                                + (e.startsWith("-: ")
                                        ? file + ": " + e.substring(3)
                                        : e.startsWith("--set") || e.startsWith(CORPUS.toString())
                                                ? e
                                                : file + ":" + e));
                    }

                    Cli cli = Cli.run(args.toArray(String[]::new));
                    assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
                    assertThat(cli.err().lines().toList()).containsExactlyElementsOf(shown);
                    assertThat(tmp.resolve("run")).doesNotExist();
                    assertThat(Path.of("runs")).doesNotExist();

                    // The same into the folder of an earlier run: refused for the same reasons, before anything is
                    // touched.
                    args.set(3, earlierRun.toString());
                    Cli again = Cli.run(args.toArray(String[]::new));
                    assertThat(again.exitCode()).as(again.err()).isEqualTo(2);
                    assertThat(again.err().lines().toList()).containsExactlyElementsOf(shown);
                    assertThat(FolderSnapshot.of(earlierRun)).isEqualTo(earlierFiles);
                }));
    }
}
