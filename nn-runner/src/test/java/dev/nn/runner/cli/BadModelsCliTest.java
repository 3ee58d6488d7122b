package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a model file can be malformed, through the commands that read one: {@code nn
 * predict}, {@code nn evaluate}, {@code nn export} and {@code nn report}. Each gives exit code 2 and one line naming
 * the file and what is wrong with it, and writes nothing: the file {@code predict --out} names and
 * the run folder {@code report} redraws stay byte for byte as they were.
 */
class BadModelsCliTest {
    private static final Path GOOD = Path.of("src", "test", "resources", "good-configs");

    @TempDir
    static Path tmp;

    private static Path config;
    private static Path run;
    private static byte[] model;
    private static Path input;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainARun() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.copy(GOOD.resolve("csv.yaml"), project.resolve("csv.yaml"));
        Files.createDirectories(project.resolve("data"));
        Files.copy(GOOD.resolve("data/tiny.csv"), project.resolve("data/tiny.csv"));
        config = project.resolve("csv.yaml");
        run = tmp.resolve("run");
        Cli cli = Cli.run("train", config.toString(), "--out", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        model = Files.readAllBytes(run.resolve("model.zip"));
        input = Files.writeString(tmp.resolve("input.csv"), "x,y\n0.1,0.2\n0.9,0.8\n");
        assertThat(Cli.run("predict", run.resolve("model.zip").toString(), input.toString())
                        .exitCode())
                .isZero();
    }

    static Stream<Arguments> malformedModels() {
        return Stream.of(
                Arguments.of(
                        "cut in half",
                        (UnaryOperator<byte[]>) bytes -> Arrays.copyOf(bytes, bytes.length / 2),
                        "the zip archive is truncated or damaged (it ends before the zip's table of contents, so it was"
                                + " cut short); save the model again"),
                Arguments.of(
                        "a text file",
                        (UnaryOperator<byte[]>) bytes -> "hello\n".getBytes(StandardCharsets.US_ASCII),
                        "not an nn model file: it is not a zip archive (it starts with \"hell\"); pass a model.zip saved by nn"),
                Arguments.of(
                        "another zip",
                        (UnaryOperator<byte[]>) bytes -> zip(Map.of("cat.jpg", new byte[] {1, 2})),
                        "not an nn model file: the zip has no model.yaml or params.bin (it holds cat.jpg); pass a model.zip"
                                + " saved by nn"),
                Arguments.of(
                        "params.bin missing",
                        (UnaryOperator<byte[]>) bytes -> withEntry(bytes, "params.bin", null),
                        "the zip has no params.bin (it holds model.yaml): the file is damaged or was changed; save the model"
                                + " again"),
                Arguments.of(
                        "a newer format",
                        yamlEdit("format_version: 3\n", "format_version: 4\n"),
                        "written by a newer nn (format 4); this nn reads format 3: upgrade nn"),
                Arguments.of(
                        "parameters changed",
                        (UnaryOperator<byte[]>) bytes -> withEntry(bytes, "params.bin", params -> {
                            params[params.length - 1] ^= 1;
                            return params;
                        }),
                        "params.bin does not match its checksum: the file is damaged or was modified"),
                Arguments.of(
                        "a layer resized",
                        yamlEdit("units: 4\n", "units: 5\n"),
                        "the network described in model.yaml needs layers[0].weights 2x5 but params.bin holds"
                                + " layers[0].weights 2x4; the file is inconsistent (was model.yaml edited?): save the model"
                                + " again"),
                Arguments.of(
                        "an unknown layer",
                        yamlEdit("  - dense:\n      units: 4\n", "  - dense2:\n      units: 4\n"),
                        "model.yaml model.layers[0]: unknown layer 'dense2' (did you mean 'dense'?); known layers: batch_norm, dense,"
                                + " dropout, elu, gelu, hard_sigmoid, identity, layer_norm, leaky_relu, log_softmax, mish, relu, relu6, selu, sigmoid, silu,"
                                + " softmax, softplus, softsign, tanh"),
                Arguments.of(
                        "a Java class tag",
                        yamlEdit("model:\n", "model: !!javax.script.ScriptEngineManager\n"),
                        "model.yaml:17:8: the tag '!!javax.script.ScriptEngineManager' is not allowed; a model file holds"
                                + " plain values only (text, numbers, true/false, lists and maps), so remove the tag; the file"
                                + " is damaged or was edited by hand: save the model again"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedModels")
    void aMalformedModelIsOneLineWithExitCode2AndWritesNothing(
            String name, UnaryOperator<byte[]> damage, String message) throws IOException {
        Path bad = Files.write(dir.resolve("model.zip"), damage.apply(model.clone()));
        String expected = "nn: " + bad + ": " + message + "\n";

        Path earlier = Files.writeString(dir.resolve("predictions.csv"), "earlier predictions\n");
        Cli predict = Cli.run("predict", bad.toString(), input.toString(), "--out", earlier.toString());
        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.err()).isEqualTo(expected);
        assertThat(earlier).hasContent("earlier predictions");

        Cli evaluate = Cli.run("evaluate", bad.toString(), config.toString());
        assertThat(evaluate.exitCode()).isEqualTo(2);
        assertThat(evaluate.err()).isEqualTo(expected);

        Path onnx = dir.resolve("model.onnx");
        Cli export = Cli.run("export", bad.toString(), "--out", onnx.toString());
        assertThat(export.exitCode()).isEqualTo(2);
        assertThat(export.err()).isEqualTo(expected);
        assertThat(onnx).doesNotExist();

        Path runCopy = copy(run, dir.resolve("run"));
        Files.write(runCopy.resolve("model.zip"), damage.apply(model.clone()));
        Map<String, String> before = FolderSnapshot.of(runCopy);
        Cli report = Cli.run("report", runCopy.toString());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err()).isEqualTo("nn: " + runCopy.resolve("model.zip") + ": " + message + "\n");
        assertThat(FolderSnapshot.of(runCopy)).isEqualTo(before);
    }

    @Test
    void damagedCompressedDataNamesTheEntry() throws IOException {
        byte[] bytes = model.clone();
        // Past params.bin's local header (30 bytes and its name) into its deflated data.
        bytes[30 + "params.bin".length() + 8] ^= 0x40;
        Path bad = Files.write(dir.resolve("model.zip"), bytes);

        Cli predict = Cli.run("predict", bad.toString(), input.toString());

        assertThat(predict.exitCode()).isEqualTo(2);
        assertThat(predict.err())
                .startsWith("nn: " + bad + ": params.bin in the zip is damaged (")
                .endsWith("); save the model again\n");
    }

    @Test
    void aRunWhoseDataWentBadIsNotRedrawnAndKeepsItsFiles() throws IOException {
        Path project = copy(config.getParent(), dir.resolve("project"));
        Cli trained = Cli.run(
                "train",
                project.resolve("csv.yaml").toString(),
                "--out",
                dir.resolve("run").toString());
        assertThat(trained.exitCode()).as(trained.err()).isZero();
        Path data = project.resolve("data/tiny.csv");
        Files.writeString(data, "x,y,label\n1,2,0\n3,\"4,1\n");
        Map<String, String> before = FolderSnapshot.of(dir.resolve("run"));

        Cli report = Cli.run("report", dir.resolve("run").toString());

        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.err())
                .isEqualTo("nn: " + data.toAbsolutePath() + ":3: record 3 opens a quoted value that is"
                        + " never closed (the file ends on line 3); close the quote with another \", or remove it\n");
        assertThat(FolderSnapshot.of(dir.resolve("run"))).isEqualTo(before);
    }

    @Test
    void aMalformedInputFileForPredictNamesItsLine() throws IOException {
        Path earlier = Files.writeString(dir.resolve("predictions.csv"), "earlier predictions\n");
        Path quote = Files.writeString(dir.resolve("quote.csv"), "x,y\n0.1,\"0.2\n");
        Path latin1 = Files.write(
                dir.resolve("latin1.csv"), "x,y\n0.1,0.2\n\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
        Path word = Files.writeString(dir.resolve("word.csv"), "x,y\n0.1,0.2\n0.3,high\n");
        String model = run.resolve("model.zip").toString();

        Cli unclosed = Cli.run("predict", model, quote.toString(), "--out", earlier.toString());
        Cli notUtf8 = Cli.run("predict", model, latin1.toString(), "--out", earlier.toString());
        Cli notANumber = Cli.run("predict", model, word.toString(), "--out", earlier.toString());

        assertThat(unclosed.exitCode()).isEqualTo(2);
        assertThat(unclosed.err())
                .isEqualTo("nn: " + quote + ":2: a quoted value opened here is never closed; close"
                        + " the quote with another \", or remove it\n");
        assertThat(notUtf8.exitCode()).isEqualTo(2);
        assertThat(notUtf8.err()).isEqualTo("nn: " + latin1 + ": the file is not UTF-8 text; save it as UTF-8\n");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).isEqualTo("nn: " + word + ":3: column '1': value 'high' is not a number\n");
        assertThat(earlier).hasContent("earlier predictions");
    }

    private static UnaryOperator<byte[]> yamlEdit(String from, String to) {
        return bytes -> withEntry(bytes, "model.yaml", yaml -> {
            String text = new String(yaml, StandardCharsets.UTF_8);
            assertThat(text).contains(from);
            return text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                    .getBytes(StandardCharsets.UTF_8);
        });
    }

    /** The zip with entry {@code name} rewritten by {@code edit}, or left out when {@code edit} is null. */
    private static byte[] withEntry(byte[] zipBytes, String name, UnaryOperator<byte[]> edit) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try {
            Path file = Files.createTempFile(tmp, "model", ".zip");
            Files.write(file, zipBytes);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    byte[] bytes = zip.getInputStream(e).readAllBytes();
                    if (!e.getName().equals(name)) {
                        entries.put(e.getName(), bytes);
                    } else if (edit != null) {
                        entries.put(e.getName(), edit.apply(bytes));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return zip(entries);
    }

    private static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return to;
    }
}
