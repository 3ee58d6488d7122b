package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.nn.testkit.NotAFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input path of every command, given something that is not a regular file (a FIFO, a socket,
 * {@code /dev/null}, {@code /dev/zero}, a disk, a folder): refused at once with exit code 2 and the
 * one line a person reads, naming the path and what it is, and nothing already written is touched.
 * A FIFO would block an open for ever, so every command runs under a time bound.
 */
class NotAFileInputsCliTest {
    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final String MODEL = "a model.zip or checkpoint.zip";
    private static final String JAR = "a plugin jar or a folder of jars";

    @TempDir
    static Path tmp;

    private static Path config;
    private static Path run;
    private static Path input;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainARun() throws IOException {
        StringBuilder csv = new StringBuilder("x,y,label\n");
        for (int i = 0; i < 40; i++) {
            csv.append(Math.sin(i))
                    .append(',')
                    .append(Math.cos(i))
                    .append(',')
                    .append(i % 2)
                    .append('\n');
        }
        Files.writeString(tmp.resolve("points.csv"), csv);
        config = Files.writeString(tmp.resolve("points.yaml"), """
                data:
                  dataset: {csv: {path: points.csv}}
                model:
                  layers: [{dense: {units: 2}}]
                  loss: softmax_cross_entropy
                train:
                  epochs: 2
                  checkpoint: true
                report:
                  plots: []
                """);
        run = tmp.resolve("run");
        Cli cli = Cli.run("train", config.toString(), "--out", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        input = Files.writeString(tmp.resolve("input.csv"), "x,y\n0.1,0.2\n");
    }

    private static Cli nn(String... args) {
        return assertTimeoutPreemptively(BOUND, () -> Cli.run(args));
    }

    private static void refused(Cli cli, String line) {
        assertThat(cli.err()).isEqualTo("nn: " + line + "\n");
        assertThat(cli.exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aConfigThatIsNotAFileIsRefusedByValidate(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "pipeline.yaml");
        refused(nn("validate", bad.toString()), kind.refusal(bad, "a pipeline config (a YAML file)"));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aConfigThatIsNotAFileIsRefusedByTrainWhichWritesNothing(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "pipeline.yaml");
        Path out = dir.resolve("out");
        refused(
                nn("train", bad.toString(), "--out", out.toString()),
                kind.refusal(bad, "a pipeline config (a YAML file)"));
        assertThat(out).doesNotExist();
    }

    static Stream<Arguments> dataOptions() {
        return Stream.of(NotAFile.values())
                .flatMap(kind -> Stream.of(
                        Arguments.of("idx", "images", kind), Arguments.of("idx", "labels", kind),
                        Arguments.of("csv", "path", kind), Arguments.of("csv", "test_path", kind)));
    }

    @ParameterizedTest(name = "{0}.{1}: {2}")
    @MethodSource("dataOptions")
    void aDataFileThatIsNotAFileIsRefusedByValidateAtItsOption(String dataset, String option, NotAFile kind)
            throws IOException {
        Path bad = kind.make(dir, "data");
        Path good = Files.copy(tmp.resolve("points.csv"), dir.resolve("good.csv"));
        Map<String, String> files = dataset.equals("idx")
                ? Map.of("images", good.toString(), "labels", good.toString())
                : Map.of("path", good.toString(), "test_path", good.toString());
        String first = dataset.equals("idx") ? "images" : "path";
        String second = dataset.equals("idx") ? "labels" : "test_path";
        Path yaml = Files.writeString(
                dir.resolve("bad.yaml"),
                "data:\n  dataset:\n    " + dataset + ":\n"
                        + "      " + first + ": " + (first.equals(option) ? bad : files.get(first)) + "\n"
                        + "      " + second + ": " + (second.equals(option) ? bad : files.get(second)) + "\n"
                        + "model:\n  layers: [{dense: {units: 2}}]\n  loss: softmax_cross_entropy\n");
        int line = option.equals(first) ? 4 : 5;

        Cli cli = nn("validate", yaml.toString());

        refused(
                cli,
                yaml + ":" + line + ":7: data.dataset." + dataset + "." + option + ": "
                        + kind.refusal(bad, (dataset.equals("idx") ? "an idx" : "a csv") + " data file"));
    }

    @Test
    void devZeroAndDevNullAsTheCsvPathAreRefusedAtOnceByTrain() throws IOException {
        for (String device : new String[] {"/dev/zero", "/dev/null"}) {
            Path yaml = Files.writeString(
                    dir.resolve("zero.yaml"),
                    "data:\n  dataset:\n    csv:\n      path: " + device
                            + "\nmodel:\n  layers: [{dense: {units: 2}}]\n  loss: softmax_cross_entropy\n");
            Path out = dir.resolve("out");
            long start = System.nanoTime();

            Cli cli = nn("train", yaml.toString(), "--out", out.toString());

            refused(
                    cli,
                    yaml + ":4:7: data.dataset.csv.path: " + device
                            + ": is a character device, not a regular file; give the path of a csv data file");
            assertThat((System.nanoTime() - start) / 1_000_000_000)
                    .as("seconds to refuse " + device)
                    .isLessThan(10);
            assertThat(out).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aModelThatIsNotAFileIsRefusedByPredictWhichKeepsItsOutFile(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "model.zip");
        Path earlier = Files.writeString(dir.resolve("predictions.csv"), "earlier predictions\n");
        refused(nn("predict", bad.toString(), input.toString(), "--out", earlier.toString()), kind.refusal(bad, MODEL));
        assertThat(earlier).hasContent("earlier predictions");
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aModelThatIsNotAFileIsRefusedByEvaluate(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "model.zip");
        refused(nn("evaluate", bad.toString(), config.toString()), kind.refusal(bad, MODEL));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aModelThatIsNotAFileIsRefusedByInfo(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "model.zip");
        refused(nn("info", bad.toString()), kind.refusal(bad, MODEL));
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aRunFolderWhoseModelIsNotAFileIsRefusedByReportAndKeptAsItWas(NotAFile kind) throws IOException {
        Path copy = copyOfTheRun();
        Files.delete(copy.resolve("model.zip"));
        Path bad = kind.make(copy, "model.zip");
        Map<String, String> before = FolderSnapshot.of(copy);

        refused(nn("report", copy.toString()), kind.refusal(bad, "the model.zip that nn train writes"));

        assertThat(FolderSnapshot.of(copy)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aCheckpointThatIsNotAFileIsRefusedByResumeAndTheRunIsKeptAsItWas(NotAFile kind) throws IOException {
        Path copy = copyOfTheRun();
        Files.delete(copy.resolve("checkpoint.zip"));
        Path bad = kind.make(copy, "checkpoint.zip");
        Map<String, String> before = FolderSnapshot.of(copy);

        refused(nn("train", config.toString(), "--resume", copy.toString()), kind.refusal(bad, MODEL));

        assertThat(FolderSnapshot.of(copy)).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(NotAFile.class)
    void aPredictInputThatIsNotAFileIsRefusedAndTheOutFileKept(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "input.csv");
        Path earlier = Files.writeString(dir.resolve("predictions.csv"), "earlier predictions\n");
        refused(
                nn("predict", run.resolve("model.zip").toString(), bad.toString(), "--out", earlier.toString()),
                kind.refusal(bad, "a CSV file"));
        assertThat(earlier).hasContent("earlier predictions");
    }

    @ParameterizedTest
    @EnumSource(value = NotAFile.class, names = "FOLDER", mode = EnumSource.Mode.EXCLUDE)
    void aPluginJarThatIsNotAFileIsRefusedOnTheCommandLine(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "plugin.jar");
        refused(nn("plugins", "--plugins", bad.toString()), kind.refusal(bad, JAR));
    }

    @ParameterizedTest
    @EnumSource(value = NotAFile.class, names = "FOLDER", mode = EnumSource.Mode.EXCLUDE)
    void aJarInAPluginFolderThatIsNotAFileIsRefusedNotSkipped(NotAFile kind) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("plugins"));
        Path bad = kind.make(folder, "plugin.jar");
        refused(nn("plugins", "--plugins", folder.toString()), kind.refusal(bad, JAR));
    }

    @ParameterizedTest
    @EnumSource(value = NotAFile.class, names = "FOLDER", mode = EnumSource.Mode.EXCLUDE)
    void aPluginJarThatIsNotAFileIsRefusedInTheConfigAtItsLine(NotAFile kind) throws IOException {
        Path bad = kind.make(dir, "plugin.jar");
        Path yaml = Files.writeString(
                dir.resolve("plugins.yaml"),
                "plugins:\n  - plugin.jar\n"
                        + "data:\n  dataset: moons\nmodel:\n  layers: [{dense: {units: 2}}]\n  loss: softmax_cross_entropy\n");
        refused(nn("validate", yaml.toString()), yaml + ":2:5: plugins[0]: " + kind.refusal(bad, JAR));
    }

    @Test
    void aFolderOfJarsAndALinkToARegularConfigStillWork() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("plugins"));
        Path link = Files.createSymbolicLink(tmp.resolve("link.yaml"), config);
        Cli plugins = nn("plugins", "--plugins", folder.toString());
        Cli validate = nn("validate", link.toString());
        assertThat(plugins.exitCode()).as(plugins.err()).isZero();
        assertThat(validate.exitCode()).as(validate.err()).isZero();
    }

    private Path copyOfTheRun() throws IOException {
        Path copy = Files.createDirectory(dir.resolve("run"));
        try (Stream<Path> files = Files.list(run)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }
}
