package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherCommandsTest {
    /** A path under Debian's data set folder, and the data set it belongs to. */
    private static final Pattern DEBIAN_PATH = Pattern.compile("(/usr/share/datasets/([^/\\s]+)/\\S+)");
    /** A config line naming such a path: its indentation, the option, the path. */
    private static final Pattern DEBIAN_OPTION = Pattern.compile("^(\\s*)(\\w+): (/usr/share/datasets/\\S+)$");
    /** Small IDX files in Fashion-MNIST's layout, standing in for Debian's package (see their README). */
    private static final Path FIXTURES = Path.of("src", "test", "resources", "good-configs", "data");

    /** Copies the tiny stand-ins for Debian's data sets to {@code dir/data}, where {@code data/tiny-} paths find them. */
    static void copyFixtures(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        try (Stream<Path> fixtures = Files.list(FIXTURES)) {
            for (Path fixture : fixtures.toList()) {
                Files.copy(fixture, data.resolve(fixture.getFileName()));
            }
        }
    }

    static List<Path> configs() throws IOException {
        try (Stream<Path> files = Files.walk(TrainCommandTest.CONFIGS)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The Debian data set a config reads from /usr/share/datasets/NAME/, or null when it reads none there. */
    private static String debianDataSet(String yaml) {
        Matcher m = DEBIAN_PATH.matcher(yaml);
        return m.find() ? m.group(2) : null;
    }

    private static boolean installed(String yaml) {
        Matcher m = DEBIAN_PATH.matcher(yaml);
        boolean all = true;
        while (m.find()) {
            all &= Files.isRegularFile(Path.of(m.group(1)));
        }
        return all;
    }

    private static List<Path> configsReadingDebianData() throws IOException {
        List<Path> reading = new ArrayList<>();
        for (Path config : configs()) {
            if (debianDataSet(Files.readString(config)) != null) {
                reading.add(config);
            }
        }
        assertThat(reading).as("shipped configs reading /usr/share/datasets").isNotEmpty();
        return reading;
    }

    @Test
    @Tag("optional-data")
    void shippedConfigsValidateWithTheDebianDataTheyName() throws IOException {
        for (Path config : configsReadingDebianData()) {
            String yaml = Files.readString(config);
            Assumptions.assumeTrue(
                    installed(yaml),
                    "dataset-" + debianDataSet(yaml) + " is not installed, so " + config
                            + " cannot read its data; apt-get install dataset-" + debianDataSet(yaml)
                            + " to run this test ("
                            + "withoutTheDebianDataTheShippedConfigsSayWhichPackageToInstall runs instead)");
            Cli cli = Cli.run("validate", config.toString());
            assertThat(cli.exitCode()).as(config + ": " + cli.err()).isZero();
            assertThat(cli.out()).contains(": OK:");
        }
    }

    @Test
    @Tag("optional-data")
    void withoutTheDebianDataTheShippedConfigsSayWhichPackageToInstall() throws IOException {
        for (Path config : configsReadingDebianData()) {
            String yaml = Files.readString(config);
            Assumptions.assumeFalse(
                    installed(yaml),
                    "dataset-" + debianDataSet(yaml) + " is installed, so " + config
                            + " finds its data; CI runs the optional-data tests again with /usr/share/datasets hidden");
            List<String> expected = new ArrayList<>();
            List<String> lines = yaml.lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = DEBIAN_OPTION.matcher(lines.get(i));
                if (m.matches()) {
                    expected.add("nn: " + config.toAbsolutePath().normalize() + ":" + (i + 1) + ":"
                            + (m.group(1).length() + 1) + ": data.dataset.idx." + m.group(2) + ": file not found: "
                            + m.group(3) + "; Debian ships this data set: apt-get"
                            + " install dataset-" + debianDataSet(yaml));
                }
            }

            Cli cli = Cli.run("validate", config.toString());

            assertThat(cli.exitCode()).as(config.toString()).isEqualTo(2);
            assertThat(cli.err().lines().toList())
                    .as(config.toString())
                    .isNotEmpty()
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void everyShippedConfigValidatesWithItsDebianDataReplacedByFixtures(@TempDir Path tmp) throws IOException {
        copyFixtures(tmp);
        List<Path> configs = configs();
        assertThat(configs).hasSizeGreaterThanOrEqualTo(6);
        for (Path config : configs) {
            String yaml = Files.readString(config);
            String set = debianDataSet(yaml);
            assertThat(set)
                    .as(config + " reads a Debian data set that has fixtures in " + FIXTURES)
                    .isIn(null, "fashion-mnist");
            Path copy = Files.writeString(
                    tmp.resolve(config.getFileName()),
                    yaml.replace("/usr/share/datasets/fashion-mnist/", "data/tiny-"));

            Cli cli = Cli.run("validate", copy.toString());

            assertThat(cli.exitCode()).as(config + ": " + cli.err()).isZero();
            assertThat(cli.out()).contains(": OK:");
        }
    }

    @Test
    @Tag("optional-data")
    void aConfigNamingADebianDataSetThatIsNotInstalledSaysWhichPackageToInstall(@TempDir Path tmp) throws IOException {
        String missing = "/usr/share/datasets/nn-test-no-such-set-3b7e/train.csv";
        Path config = Files.writeString(
                tmp.resolve("missing.yaml"),
                "data:\n  dataset:\n    csv:\n      path: " + missing
                        + "\nmodel:\n  layers: [{dense: {units: 2}}]\n  loss: softmax_cross_entropy\n");

        Cli cli = Cli.run("validate", config.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err())
                .isEqualTo("nn: " + config + ":4:7: data.dataset.csv.path: file not found: " + missing
                        + "; Debian ships this data set: apt-get install dataset-nn-test-no-such-set-3b7e\n");
    }

    @Test
    void pluginsListsEveryBuiltInProviderWithItsOptions() {
        Cli cli = Cli.run("plugins");
        assertThat(cli.exitCode()).isZero();
        for (String name : List.of(
                "dense",
                "dropout",
                "sigmoid",
                "relu",
                "leaky_relu",
                "tanh",
                "softsign",
                "softmax",
                "identity",
                "mse",
                "quadratic",
                "softmax_cross_entropy",
                "binary_cross_entropy",
                "sgd",
                "adam",
                "rmsprop",
                "adagrad",
                "nadam",
                "uniform",
                "normal",
                "xavier_uniform",
                "xavier_normal",
                "he_uniform",
                "he_normal",
                "zeros",
                "constant",
                "step",
                "exponential",
                "cosine",
                "digits",
                "moons",
                "circles",
                "blobs",
                "idx",
                "csv",
                "iris",
                "wine",
                "breast_cancer",
                "diabetes",
                "linnerud",
                "scalar")) {
            assertThat(cli.out()).contains("  " + name + " - ");
        }
        assertThat(cli.out()).contains("units (integer, required, in [1, inf)): number of outputs");
        Cli layers = Cli.run("plugins", "--kind", "layer");
        assertThat(layers.out()).contains("  dense - ").doesNotContain("  sgd - ");
        Cli wrong = Cli.run("plugins", "--kind", "layers2");
        assertThat(wrong.exitCode()).isEqualTo(2);
    }

    @Test
    void summaryPrintsTheNetworkTable() {
        Cli cli = Cli.run(
                "summary", TrainCommandTest.CONFIGS.resolve("digits.yaml").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("dense(units=100)").contains("relu").contains("Total parameters: 7,510");
    }

    @Test
    void helpAndVersionWork() {
        assertThat(Cli.run("--help").out())
                .contains("train")
                .contains("validate")
                .contains("plugins");
        assertThat(Cli.run("--version").out()).startsWith("nn ");
        assertThat(Cli.run("train", "--help").out()).contains("--set").contains("--out");
        assertThat(Cli.run("trian").exitCode()).isEqualTo(2);
    }

    @Test
    void aMissingConfigFileIsAClearError() {
        Cli cli = Cli.run("train", "no/such/file.yaml");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("nn: no/such/file.yaml: config file not found\n");
    }

    @Test
    void aModelFileGivenForAConfigSaysWhichCommandsTakeIt(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("model.zip");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new java.util.zip.ZipEntry("model.yaml"));
            out.write("format: 3\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        for (String command : List.of("summary", "train")) {
            Cli cli = Cli.run(command, zip.toString());
            assertThat(cli.exitCode()).isEqualTo(2);
            assertThat(cli.err())
                    .isEqualTo("nn: " + zip + ": is a zip archive, not YAML text: a model file? This command takes a"
                            + " pipeline config (nn info and nn predict take a model)\n");
        }
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.toList()).containsExactly(zip);
        }
    }

    @Test
    void dataTooLargeForTheHeapIsOneLineAndExitCode1() {
        // Few enough examples for one array of their 2 features, but their doubles need more than the whole heap.
        long samples = Runtime.getRuntime().maxMemory() / (2 * Double.BYTES) + 1;
        org.junit.jupiter.api.Assumptions.assumeTrue(
                2 * samples <= dev.nn.api.Matrix.MAX_SIZE, "the heap holds any matrix");
        Cli cli = Cli.run(
                "validate",
                TrainCommandTest.CONFIGS.resolve("moons.yaml").toString(),
                "--set",
                "data.dataset={moons: {samples: " + samples + "}}");

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err())
                .startsWith("nn: out of memory (")
                .endsWith("); give Java more heap, for example"
                        + " JAVA_OPTS=-Xmx8g bin/nn ..., or use less data or a smaller network\n");
        assertThat(Path.of("runs")).doesNotExist();
    }
}
