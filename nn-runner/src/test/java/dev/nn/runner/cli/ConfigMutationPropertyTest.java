package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Random mutations of every valid config shipped (configs/, configs/seeds/, configs/tabular/ and the good-configs of
 * the tests): lines deleted, duplicated or re-indented, values swapped for other types, keys
 * added, the text cut short, random bytes inserted. {@code nn validate} in this JVM, through the
 * real command line, either accepts the result or refuses it with exit code 2 and one {@code nn: }
 * line per problem. Nothing else: no internal error, no exit 1, no exception out of the CLI.
 *
 * <p>The configs that read Fashion-MNIST read a 40-image stand-in in its format instead
 * (good-configs/data), so each try takes milliseconds.
 */
class ConfigMutationPropertyTest {
    private static final Path GOOD = Path.of("src/test/resources/good-configs");
    private static final Path CONFIGS = Path.of("..", "configs");

    /** Values of every YAML type and shape, including ones a config may never hold. */
    private static final String[] VALUES = {
        "0",
        "1",
        "-1",
        "2",
        "3",
        "10",
        "0.5",
        "-0.5",
        "1e-300",
        "1e300",
        ".nan",
        ".inf",
        "-.inf",
        "2147483647",
        "-2147483648",
        "9223372036854775807",
        "99999999999999999999",
        "0x10",
        "0o17",
        "1_000",
        "true",
        "false",
        "null",
        "~",
        "''",
        "\"\"",
        "abc",
        "relu",
        "dense",
        "digits",
        "moons",
        "sgd",
        "adam",
        "standardize",
        "softmax_cross_entropy",
        "val_loss",
        "auto",
        "weights",
        "[]",
        "{}",
        "[1, 2]",
        "{a: 1}",
        "[relu, {dense: {units: 3}}]",
        "{sgd: {lr: 0.1}}",
        "{dense: {units: 2147483647}}",
        "{units: -3}",
        "{moons: {samples: 2}}",
        "{blobs: {centers: 2147483647}}",
        "{scale: {factor: 0}}",
        "[standardize, minmax]",
        "!!str 5",
        "!!binary aGk=",
        "!!java.io.File [/tmp]",
        "!custom x",
        "&anchor [1]",
        "*anchor",
        "*undefined",
        "\"unterminated",
        "[",
        "{",
        "]",
        "'it''s'",
        "2001-12-14",
        ": x",
        "- x",
        "? x",
        "|",
        ">",
        "%",
        "@x",
        "`x",
        "\t",
        "\"\\u0000\"",
        "\"a\\nb\"",
        "no-such-file.csv",
        "../../../../etc/passwd",
        "/",
        ".",
    };

    private static final String[] KEYS = {
        "name",
        "seed",
        "threads",
        "data",
        "dataset",
        "test",
        "validation",
        "stratify",
        "preprocess",
        "model",
        "layers",
        "loss",
        "train",
        "optimizer",
        "schedule",
        "batch_size",
        "epochs",
        "shuffle",
        "early_stopping",
        "monitor",
        "patience",
        "min_delta",
        "restore_best",
        "checkpoint",
        "report",
        "plots",
        "plugins",
        "units",
        "activation",
        "init",
        "bias",
        "bias_init",
        "rate",
        "lr",
        "momentum",
        "samples",
        "noise",
        "centers",
        "features",
        "path",
        "label",
        "header",
        "delimiter",
        "images",
        "labels",
        "test_images",
        "test_labels",
        "resize",
        "limit",
        "class_names",
        "factor",
        "every",
        "gamma",
        "unknown_key",
        "<<",
        "",
    };
    private static final Pattern KEY_VALUE = Pattern.compile("^(\\s*(?:- )?[A-Za-z_]+:\\s+)(\\S.*)$");
    private static final Pattern FLOW_VALUE = Pattern.compile("(?<=: )[^,{}\\[\\]\\s][^,{}\\[\\]]*");

    private static Path dir;
    private static final List<String> BASES = new ArrayList<>();

    @BeforeContainer
    static void copyTheConfigs() throws IOException {
        dir = Files.createTempDirectory("nn-config-mutations");
        Files.createDirectories(dir.resolve("data"));
        try (Stream<Path> data = Files.list(GOOD.resolve("data"))) {
            for (Path file : data.toList()) {
                Files.copy(file, dir.resolve("data").resolve(file.getFileName()));
            }
        }
        for (Path folder : List.of(CONFIGS, CONFIGS.resolve("seeds"), CONFIGS.resolve("tabular"), GOOD)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml"))
                        .sorted()
                        .toList()) {
                    BASES.add(Files.readString(file).replace("/usr/share/datasets/fashion-mnist/", "data/tiny-"));
                }
            }
        }
        assertThat(BASES).hasSizeGreaterThanOrEqualTo(12);
        for (String base : BASES) {
            Cli cli = validate(base.getBytes(StandardCharsets.UTF_8));
            assertThat(cli.exitCode())
                    .as("the unmutated config validates: %s%s", cli.err(), base)
                    .isZero();
        }
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Property(tries = 3000)
    void aMutatedConfigIsAcceptedOrRefusedWithExitCode2AndOneLinePerProblem(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String base = BASES.get(random.nextInt(BASES.size()));
        StringBuilder what = new StringBuilder();
        byte[] mutant = base.getBytes(StandardCharsets.UTF_8);
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            mutant = mutate(mutant, random, what);
        }
        String description = what + "\n--- mutant:\n" + new String(mutant, StandardCharsets.UTF_8);

        Cli cli = validate(mutant);

        assertThat(cli.exitCode()).as(description + "\n--- err:\n" + cli.err()).isIn(0, 2);
        if (cli.exitCode() == 0) {
            assertThat(cli.out()).as(description).contains(": OK: ");
            Statistics.label("outcome").collect("accepted");
        } else {
            List<String> lines = cli.err().lines().toList();
            assertThat(lines)
                    .as(description)
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).startsWith("nn: ").doesNotContain("internal error"));
            Statistics.label("outcome").collect("refused");
            Statistics.label("first problem").collect(kind(lines.get(0)));
        }
    }

    /** A problem line without the file, positions, quoted text and numbers, up to its first ';' or '(': for the statistics. */
    private static String kind(String line) {
        String text = line.replace("nn: ", "")
                .replace(dir.toString(), "")
                .replaceAll("^[^ ]*mutant\\.yaml(:[0-9]+:[0-9]+)?: ", "")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("[0-9]+", "N");
        int end = text.length();
        for (char c : new char[] {';', '('}) {
            int at = text.indexOf(c);
            end = at >= 0 ? Math.min(end, at) : end;
        }
        return text.substring(0, Math.min(end, 90)).strip();
    }

    private static Cli validate(byte[] config) {
        Path file = dir.resolve("mutant.yaml");
        try {
            Files.write(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Cli.run("validate", file.toString());
    }

    private static byte[] mutate(byte[] config, SplittableRandom random, StringBuilder what) {
        // Swapped values most often: they keep the file's shape, so the mutant gets past the parser
        // and reaches the checks of options, data and network.
        int kind = random.nextInt(13);
        if (kind >= 9) {
            kind = 2;
        }
        if (kind == 7) {
            int at = random.nextInt(config.length + 1);
            what.append("cut at byte ").append(at).append("; ");
            return Arrays.copyOf(config, at);
        }
        if (kind == 8) {
            int at = random.nextInt(config.length + 1);
            byte[] inserted = new byte[1 + random.nextInt(4)];
            random.nextBytes(inserted);
            byte[] out = new byte[config.length + inserted.length];
            System.arraycopy(config, 0, out, 0, at);
            System.arraycopy(inserted, 0, out, at, inserted.length);
            System.arraycopy(config, at, out, at + inserted.length, config.length - at);
            what.append(inserted.length)
                    .append(" random bytes inserted at ")
                    .append(at)
                    .append("; ");
            return out;
        }
        List<String> lines = new ArrayList<>(
                new String(config, StandardCharsets.UTF_8).lines().toList());
        if (lines.isEmpty()) {
            lines.add("");
        }
        int at = random.nextInt(lines.size());
        String line = lines.get(at);
        switch (kind) {
            case 0 -> {
                lines.remove(at);
                what.append("line ").append(at + 1).append(" deleted; ");
            }
            case 1 -> {
                lines.add(random.nextInt(lines.size() + 1), line);
                what.append("line ").append(at + 1).append(" duplicated; ");
            }
            case 2 -> {
                String value = pick(VALUES, random);
                Matcher block = KEY_VALUE.matcher(line);
                Matcher flow = FLOW_VALUE.matcher(line);
                if (block.matches() && random.nextBoolean()) {
                    lines.set(at, block.group(1) + value);
                } else if (flow.find()) {
                    lines.set(at, line.substring(0, flow.start()) + value + line.substring(flow.end()));
                } else {
                    lines.set(at, line + " " + value);
                }
                what.append("a value on line ")
                        .append(at + 1)
                        .append(" set to ")
                        .append(value)
                        .append("; ");
            }
            case 3, 4 -> {
                String indent =
                        line.substring(0, line.length() - line.stripLeading().length());
                lines.add(at, indent + pick(KEYS, random) + ": " + pick(VALUES, random));
                what.append("a key added at line ").append(at + 1).append("; ");
            }
            case 5 -> {
                lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^ {1,2}", ""));
                what.append("line ").append(at + 1).append(" re-indented; ");
            }
            default -> {
                String name = pick(KEYS, random);
                lines.set(at, line.replaceFirst("[A-Za-z_]+", name.isEmpty() ? "x" : name));
                what.append("the first word of line ").append(at + 1).append(" replaced; ");
            }
        }
        return String.join("\n", lines).concat("\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
