package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every broken config of the corpus, through {@code nn train}: exit code 2, one line per problem
 * naming the file (and line and column where there is one), and nothing written.
 */
class BadConfigsCliTest {
    private static final Path CORPUS = Path.of("src", "test", "resources", "bad-configs").toAbsolutePath();

    @TempDir
    Path tmp;

    @TestFactory
    Stream<DynamicTest> everyBrokenConfigExitsWithTwoAndOneLinePerProblemAndWritesNothing() throws IOException {
        List<Path> files;
        try (Stream<Path> all = Files.list(CORPUS)) {
            files = all.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(25);
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            List<String> args = new ArrayList<>(List.of("train", file.toString(), "--out", tmp.resolve("run").toString()));
            List<String> expected = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("# set: ")) {
                    args.add("--set");
                    args.add(line.substring("# set: ".length()));
                } else if (line.startsWith("# expect: ") || line.startsWith("# expect-build: ")) {
                    expected.add(line.substring(line.indexOf(": ") + 2).replace("${dir}", CORPUS.toString()));
                }
            }
            Cli cli = Cli.run(args.toArray(String[]::new));
            assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
            List<String> lines = cli.err().lines().toList();
            assertThat(lines).hasSize(expected.size());
            for (int i = 0; i < lines.size(); i++) {
                String e = expected.get(i);
                String shown = e.startsWith("-: ") ? file + ": " + e.substring(3) : e.startsWith("--set") ? e : file + ":" + e;
                assertThat(lines.get(i)).isEqualTo("nn: " + shown);
            }
            assertThat(tmp.resolve("run")).doesNotExist();
            assertThat(Path.of("runs")).doesNotExist();
        }));
    }
}
