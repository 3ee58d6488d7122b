package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Options;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxProviderTest {

    @TempDir
    Path dir;

    /** Pixel (i, p) of the generated images: covers 0..255, so unsigned bytes are tested. */
    private static int pixel(int image, int p) {
        return (image * 37 + p * 11) % 256;
    }

    private static byte[] images(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxFile.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < rows * cols; p++) {
                out.writeByte(pixel(i, p));
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] labels(int... labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxFile.LABELS_MAGIC);
        out.writeInt(labels.length);
        for (int label : labels) {
            out.writeByte(label);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path writeGzip(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    private static Dataset load(Object... keyValues) throws IOException {
        Map<String, Object> options = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new IdxProvider().load(Options.of(options));
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
                "images", write("train-images", images(5, 3, 4)), "labels", write("train-labels", labels(3, 0, 9, 1, 3)),
                "test_images", writeGzip("t10k-images.gz", images(2, 3, 4)), "test_labels", write("t10k-labels", labels(2, 2)));

        assertThat(d.test()).isPresent();
        Dataset test = d.test().orElseThrow();
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.labels()).containsExactly(2, 2);
        assertThat(test.classNames()).isEqualTo(d.classNames());
        assertThat(test.features().row(1)).isEqualTo(d.features().row(1));
    }

    @Test
    void classNamesNameTheLabelsInOrder() throws IOException {
        Dataset d = load("images", write("images", images(3, 2, 2)), "labels", write("labels", labels(0, 2, 1)),
                "class_names", "T-shirt, Trouser,Pullover");

        assertThat(d.classNames()).containsExactly("T-shirt", "Trouser", "Pullover");
    }

    @Test
    void aLabelWithoutAClassNameIsAnError() throws IOException {
        Path labels = write("labels", labels(0, 2, 1));
        Path images = write("images", images(3, 2, 2));

        assertProblem(() -> load("images", images, "labels", labels, "class_names", "a,b"),
                labels, "label 2 of example 1 is not below the number of classes, 2");
    }

    @Test
    void aLabelsFileGivenAsImagesIsReportedWithBothMagicNumbers() throws IOException {
        Path labels = write("labels", labels(1, 2));

        assertProblem(() -> load("images", labels, "labels", labels), labels,
                "not an IDX image file", "magic number is 0x00000801 (that of a labels file)", "expected 0x00000803");
    }

    @Test
    void aFileThatIsNotIdxAtAllIsReportedWithItsMagicNumber() throws IOException {
        Path images = write("images.csv", "1,2,3\n4,5,6\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Path labels = write("labels", labels(1, 2));

        assertProblem(() -> load("images", images, "labels", labels), images,
                "magic number is 0x312C322C, expected 0x00000803");
    }

    @Test
    void aTruncatedFileSaysHowManyBytesWereExpectedAndFound() throws IOException {
        byte[] whole = images(5, 3, 4);
        Path raw = write("raw-images", Arrays.copyOf(whole, whole.length - 7));
        Path gzipped = writeGzip("gz-images", Arrays.copyOf(whole, whole.length - 7));
        Path labels = write("labels", labels(3, 0, 9, 1, 3));

        assertProblem(() -> load("images", raw, "labels", labels), raw,
                "truncated: expected 60 bytes of image data (5 images of 3x4 pixels), found 53");
        assertProblem(() -> load("images", gzipped, "labels", labels), gzipped,
                "truncated: expected 60 bytes of image data", "found 53");
    }

    @Test
    void aGzipStreamCutOffMidwayIsReportedAsTruncated() throws IOException {
        Path whole = writeGzip("whole.gz", images(200, 10, 10));
        byte[] compressed = Files.readAllBytes(whole);
        Path cut = write("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));
        Path labels = write("labels", labels(new int[200]));

        assertProblem(() -> load("images", cut, "labels", labels), cut,
                "truncated: expected 20000 bytes of image data");
    }

    @Test
    void aTruncatedHeaderIsReported() throws IOException {
        Path images = write("images", Arrays.copyOf(images(1, 2, 2), 10));
        Path labels = write("labels", labels(1));

        assertProblem(() -> load("images", images, "labels", labels), images,
                "truncated: the header needs 16 bytes, the file has only 10");
    }

    @Test
    void moreImagesThanLabelsIsAnError() throws IOException {
        Path images = write("images", images(5, 3, 4));
        Path labels = write("labels", labels(1, 2, 3, 4));

        assertProblem(() -> load("images", images, "labels", labels), labels,
                "has 4 labels but " + images + " has 5 images");
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
    void testImagesOfAnotherSizeAreAnError() throws IOException {
        Path testImages = write("test-images", images(2, 4, 4));

        assertProblem(() -> load("images", write("images", images(2, 2, 2)), "labels", write("labels", labels(0, 1)),
                "test_images", testImages, "test_labels", write("test-labels", labels(0, 1))),
                testImages, "test images are 4x4 pixels, the training images 2x2");
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
