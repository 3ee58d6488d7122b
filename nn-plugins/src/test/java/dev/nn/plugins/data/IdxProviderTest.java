package dev.nn.plugins.data;

import static dev.nn.plugins.data.IdxFixtures.images;
import static dev.nn.plugins.data.IdxFixtures.labels;
import static dev.nn.plugins.data.IdxFixtures.load;
import static dev.nn.plugins.data.IdxFixtures.pixel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import java.io.IOException;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxProviderTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return IdxFixtures.write(dir, name, content);
    }

    private Path writeGzip(String name, byte[] content) throws IOException {
        return write(name, IdxFixtures.gzip(content));
    }

    private static void assertProblem(ThrowingCallable call, Path where, String... messageParts) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            assertThat(e.problems().get(0).where()).isEqualTo(where.toString());
            assertThat(e.problems().get(0).message()).contains(messageParts);
        });
    }

    private void assertRoundTrip(Dataset d) {
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.inputSize()).isEqualTo(12);
        assertThat(d.labels()).containsExactly(3, 0, 9, 1, 3);
        assertThat(d.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        for (int i = 0; i < 5; i++) {
            for (int p = 0; p < 12; p++) {
                assertThat(d.features().get(i, p)).isEqualTo((float) pixel(i, p));
            }
        }
    }

    @Test
    void readsRawFilesAsPixelValues0To255RowByRow() throws IOException {
        Dataset d = load("images", write("images", images(5, 3, 4)), "labels", write("labels", labels(3, 0, 9, 1, 3)));

        assertRoundTrip(d);
        assertThat(d.features().get(0, 0)).isZero();
        assertThat(d.features().get(4, 11)).isEqualTo(148f + 121f - 256f);
        assertThat(d.test()).isEmpty();
    }

    @Test
    void readsGzippedFilesWhateverTheirName() throws IOException {
        Path images = writeGzip("images.idx", images(5, 3, 4));
        Path labels = writeGzip("labels.gz", labels(3, 0, 9, 1, 3));

        assertRoundTrip(load("images", images, "labels", labels));
    }

    @Test
    void testFilesBecomeTheFixedTestSplit() throws IOException {
        Dataset d = load(
                "images",
                write("train-images", images(5, 3, 4)),
                "labels",
                write("train-labels", labels(3, 0, 9, 1, 3)),
                "test_images",
                writeGzip("t10k-images.gz", images(2, 3, 4)),
                "test_labels",
                write("t10k-labels", labels(2, 2)));

        assertThat(d.test()).isPresent();
        Dataset test = d.test().orElseThrow();
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.labels()).containsExactly(2, 2);
        assertThat(test.classNames()).isEqualTo(d.classNames());
        assertThat(test.features().row(1)).isEqualTo(d.features().row(1));
    }

    @Test
    void classNamesNameTheLabelsInOrder() throws IOException {
        Dataset d = load(
                "images",
                write("images", images(3, 2, 2)),
                "labels",
                write("labels", labels(0, 2, 1)),
                "class_names",
                "T-shirt, Trouser,Pullover");

        assertThat(d.classNames()).containsExactly("T-shirt", "Trouser", "Pullover");
    }

    @Test
    void aMissingFileSaysSo() throws IOException {
        Path missing = dir.resolve("no-such-file.gz");
        Path labels = write("labels", labels(1));

        assertProblem(() -> load("images", missing, "labels", labels), missing, "file not found");
    }

    @Test
    void testImagesWithoutTestLabelsIsAnError() throws IOException {
        Path images = write("images", images(2, 2, 2));
        Path labels = write("labels", labels(0, 1));

        assertThatThrownBy(() -> load("images", images, "labels", labels, "test_images", images))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("test_labels")
                .hasMessageContaining("test_images is given but test_labels is not");
    }

    @Test
    void resizeAveragesTheAreaEachNewPixelCovers() throws IOException {
        Path images = write("images", images(2, 4, 6));
        Path labels = write("labels", labels(1, 2));
        Dataset d = load("images", images, "labels", labels, "resize", 2);
        assertThat(d.inputSize()).isEqualTo(4);
        for (int n = 0; n < 2; n++) {
            // New pixel (0, 0) covers source rows 0-1 and columns 0-2: the mean of those six pixels.
            double mean = 0;
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 3; c++) {
                    mean += pixel(n, r * 6 + c) / 6.0;
                }
            }
            assertThat((double) d.features().get(n, 0)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-3));
        }
        // A non-integer factor (28 to 20 for MNIST) keeps the mean brightness of every image.
        Path big = write("big", images(3, 28, 28));
        Dataset small = load("images", big, "labels", write("l3", labels(0, 1, 2)), "resize", 20);
        assertThat(small.inputSize()).isEqualTo(400);
        for (int n = 0; n < 3; n++) {
            double before = 0;
            double after = 0;
            for (int p = 0; p < 784; p++) {
                before += pixel(n, p) / 784.0;
            }
            for (int p = 0; p < 400; p++) {
                after += small.features().get(n, p) / 400.0;
            }
            assertThat(after).isCloseTo(before, org.assertj.core.data.Offset.offset(1e-2));
        }
    }

    @Test
    void limitKeepsTheFirstTrainingExamplesAndTheWholeTestSplit() throws IOException {
        Path images = write("images", images(5, 3, 4));
        Path labels = write("labels", labels(3, 0, 9, 1, 3));
        Dataset d = load("images", images, "labels", labels, "test_images", images, "test_labels", labels, "limit", 2);
        assertThat(d.size()).isEqualTo(2);
        assertThat(d.labels()).containsExactly(3, 0);
        assertThat(d.test().orElseThrow().size()).isEqualTo(5);
    }
}
