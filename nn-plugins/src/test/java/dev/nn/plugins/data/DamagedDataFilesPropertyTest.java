package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.Options;
import dev.nn.plugins.Damage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Damaged IDX and CSV files (cut short, bits flipped, bytes overwritten, inserted or dropped) either
 * load, when the damage hit only values, or are refused with a {@link ConfigException} that names
 * the damaged file; nothing else ever comes out of the loaders.
 */
class DamagedDataFilesPropertyTest {
    private static Path dir;

    @BeforeContainer
    static void createFolder() throws IOException {
        dir = Files.createTempDirectory("nn-damaged-data");
    }

    @AfterContainer
    static void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Property(tries = 2500)
    void aDamagedIdxPairLoadsOrIsRefusedNamingTheDamagedFile(
            @ForAll boolean gzipImages, @ForAll boolean gzipLabels, @ForAll boolean damageImages, @ForAll long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int count = 1 + random.nextInt(6);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(10);
        }
        byte[] imageBytes = IdxFixtures.images(count, 1 + random.nextInt(4), 1 + random.nextInt(4));
        byte[] labelBytes = IdxFixtures.labels(labels);
        if (gzipImages) {
            imageBytes = IdxFixtures.gzip(imageBytes);
        }
        if (gzipLabels) {
            labelBytes = IdxFixtures.gzip(labelBytes);
        }
        Damage.Applied damage = Damage.apply(damageImages ? imageBytes : labelBytes, random);
        Path images = write("images", damageImages ? damage.bytes() : imageBytes);
        Path labelsFile = write("labels", damageImages ? labelBytes : damage.bytes());
        Path damaged = damageImages ? images : labelsFile;

        try {
            Dataset d = IdxFixtures.load("images", images, "labels", labelsFile);
            Statistics.label("outcome").collect("loads");
            assertThat(d.size())
                    .as(damage.description())
                    .isEqualTo(d.labels().length)
                    .isPositive();
        } catch (ConfigException e) {
            assertNamesTheFile(e, damaged, damage);
            Statistics.label("outcome").collect(Damage.kind(e, images.toString(), labelsFile.toString()));
        }
    }

    @Property(tries = 2500)
    void aDamagedCsvFileLoadsOrIsRefusedAtItsLine(
            @ForAll boolean header, @ForAll boolean wordLabels, @ForAll boolean crlf, @ForAll long seed)
            throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int columns = 2 + random.nextInt(4);
        int rows = 2 + random.nextInt(8);
        String end = crlf ? "\r\n" : "\n";
        StringBuilder csv = new StringBuilder();
        if (header) {
            for (int c = 0; c < columns; c++) {
                csv.append(c == 0 ? "" : ",").append(c == columns - 1 ? "label" : "\"feature " + c + "\"");
            }
            csv.append(end);
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns - 1; c++) {
                csv.append(String.format(Locale.ROOT, "%.3g,", random.nextGaussian() * 100));
            }
            int label = r % 3;
            csv.append(wordLabels ? "\"class \u00e9" + label + "\"" : Integer.toString(label))
                    .append(end);
        }
        Damage.Applied damage = Damage.apply(csv.toString().getBytes(StandardCharsets.UTF_8), random);
        Path file = write("data.csv", damage.bytes());

        try {
            Dataset d = new Csv.Provider()
                    .load(Options.of(Map.of("path", file, "label", "last", "header", "auto", "delimiter", ",")));
            Statistics.label("outcome").collect("loads");
            assertThat(d.size()).as(damage.description()).isPositive();
            assertThat(d.inputSize()).as(damage.description()).isPositive();
        } catch (ConfigException e) {
            assertNamesTheFile(e, file, damage);
            Statistics.label("outcome").collect(Damage.kind(e, file.toString()));
        }
    }

    private static void assertNamesTheFile(ConfigException e, Path damaged, Damage.Applied damage) {
        assertThat(e.problems()).as(damage.description()).hasSize(1);
        Problem problem = e.problems().get(0);
        // The damaged file, at a line or not; a count that no longer matches may be reported at the other file of a
        // pair.
        boolean atFile =
                problem.where().equals(damaged.toString()) || problem.where().startsWith(damaged + ":");
        assertThat(atFile || problem.message().contains(damaged.toString()))
                .as("%s: %s names %s", damage.description(), problem, damaged)
                .isTrue();
        assertThat(problem.toString())
                .as(damage.description())
                .doesNotContain("\n")
                .doesNotContain("\r");
    }

    private static Path write(String name, byte[] bytes) {
        Path file = dir.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
