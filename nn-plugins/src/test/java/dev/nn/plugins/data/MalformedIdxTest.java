package dev.nn.plugins.data;

import static dev.nn.plugins.data.IdxFixtures.gzip;
import static dev.nn.plugins.data.IdxFixtures.header;
import static dev.nn.plugins.data.IdxFixtures.images;
import static dev.nn.plugins.data.IdxFixtures.labels;
import static dev.nn.plugins.data.IdxFixtures.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way an IDX file can be malformed, each refused with one message that names the file, the
 * byte offset and what was expected there; and headers that announce gigabytes refused without
 * allocating them.
 */
class MalformedIdxTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @TempDir
    Path dir;

    private Path write(String name, byte[] content) throws IOException {
        return IdxFixtures.write(dir, name, content);
    }

    /** The one problem reading {@code file} as images (or labels) gives: its place is the file, its message is returned. */
    private static String imagesFail(Path file) {
        return problem(() -> IdxFile.readImages(file), file);
    }

    private static String labelsFail(Path file) {
        return problem(() -> IdxFile.readLabels(file), file);
    }

    private static String problem(ThrowingCallable call, Path file) {
        ConfigException e = catchThrowableOfType(ConfigException.class, call);
        assertThat(e).as("%s is refused", file).isNotNull();
        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).where()).isEqualTo(file.toString());
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.problems().get(0).message();
    }

    private static byte[] cut(byte[] bytes, int dropped) {
        return Arrays.copyOf(bytes, bytes.length - dropped);
    }

    private static byte[] withExtra(byte[] bytes, int extra) {
        return Arrays.copyOf(bytes, bytes.length + extra);
    }

    // ------------------------------------------------------------------ the header

    @Test
    void anEmptyFileNeedsTheHeader() throws IOException {
        assertThat(imagesFail(write("empty", new byte[0])))
                .isEqualTo("at byte 0: truncated: an IDX image file starts with"
                        + " a 16-byte header (the magic number and 3 sizes), the file is empty; download it again");
    }

    @Test
    void aHeaderCutShortSaysWhereTheFileEnds() throws IOException {
        assertThat(imagesFail(write("cut-header", Arrays.copyOf(images(1, 2, 2), 10))))
                .isEqualTo("at byte 10: truncated:"
                        + " an IDX image file starts with a 16-byte header (the magic number and 3 sizes), the file ends after 10"
                        + " bytes; download it again");
        assertThat(labelsFail(write("cut-labels", Arrays.copyOf(labels(1, 2), 6))))
                .isEqualTo("at byte 6: truncated:"
                        + " an IDX label file starts with a 8-byte header (the magic number and 1 size), the file ends after 6"
                        + " bytes; download it again");
    }

    @Test
    void aLabelsFileGivenAsImagesNamesBothMagicNumbers() throws IOException {
        assertThat(imagesFail(write("labels", labels(1, 2))))
                .isEqualTo("at byte 0: not an IDX image file: magic number"
                        + " is 0x00000801 (that of a labels file), expected 0x00000803 (unsigned bytes, 3 dimensions); give an"
                        + " images file such as train-images-idx3-ubyte");
        assertThat(labelsFail(write("images", images(1, 2, 2))))
                .isEqualTo("at byte 0: not an IDX label file: magic number"
                        + " is 0x00000803 (that of an images file), expected 0x00000801 (unsigned bytes, 1 dimension); give a"
                        + " labels file such as train-labels-idx1-ubyte");
    }

    @Test
    void aForeignFileIsReportedWithItsFirstFourBytes() throws IOException {
        Path csv = write("images.csv", "1,2,3\n4,5,6\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(imagesFail(csv))
                .startsWith("at byte 0: not an IDX image file: magic number is 0x312C322C, expected"
                        + " 0x00000803 (unsigned bytes, 3 dimensions); give an images file");
    }

    @Test
    void anIdxFileOfAnotherValueTypeSaysWhichTypeItHolds() throws IOException {
        Path floats = write("floats", header(0x00000D03, 1, 1, 1));

        assertThat(imagesFail(floats))
                .startsWith("at byte 0: not an IDX image file: magic number is 0x00000D03"
                        + " (IDX 32-bit floats, 3 dimensions), expected 0x00000803 (unsigned bytes, 3 dimensions)");
    }

    @Test
    void aNegativeSizeNamesItsDimensionAndOffset() throws IOException {
        assertThat(imagesFail(write("negative", header(IdxFile.IMAGES_MAGIC, 5, 3, -4))))
                .isEqualTo("at byte 12: the header"
                        + " gives -4 columns per image; a size cannot be negative, so the file is corrupt");
        // 2^31 images read as a signed 32-bit size.
        assertThat(imagesFail(write("two-to-31", header(IdxFile.IMAGES_MAGIC, Integer.MIN_VALUE, 28, 28))))
                .isEqualTo(
                        "at byte 4: the header gives -2147483648 images; a size cannot be negative, so the file is corrupt");
    }

    @Test
    void aZeroSizeMeansThereIsNothingToLearnFrom() throws IOException {
        assertThat(imagesFail(write("no-images", header(IdxFile.IMAGES_MAGIC, 0, 28, 28))))
                .isEqualTo("at byte 4: the header gives 0 images, so the file holds no examples");
        assertThat(imagesFail(write("no-rows", header(IdxFile.IMAGES_MAGIC, 3, 0, 28))))
                .isEqualTo("at byte 8: the header gives 0 rows per image, so the images have no pixels");
        assertThat(labelsFail(write("no-labels", header(IdxFile.LABELS_MAGIC, 0))))
                .isEqualTo("at byte 4: the header gives 0 labels, so the file holds no examples");
    }

    // ------------------------------------------------------------------ the values

    @Test
    void aTruncatedRawFileSaysWhereItEndsAndWhatTheHeaderAnnounced() throws IOException {
        assertThat(imagesFail(write("raw-images", cut(images(5, 3, 4), 7))))
                .isEqualTo("at byte 69: truncated: the header"
                        + " announces 5 images of 3x4 pixels, 60 bytes after the 16-byte header, but the file holds only 53;"
                        + " download the file again");
        assertThat(labelsFail(write("raw-labels", cut(labels(1, 2, 3), 1))))
                .isEqualTo(
                        "at byte 10: truncated: the header"
                                + " announces 3 labels, 3 bytes after the 8-byte header, but the file holds only 2; download the file again");
    }

    @Test
    void aTruncatedGzipFileCountsInTheDecompressedData() throws IOException {
        assertThat(imagesFail(write("gz-images", gzip(cut(images(5, 3, 4), 7)))))
                .isEqualTo("at byte 69 of the decompressed"
                        + " data: truncated: the header announces 5 images of 3x4 pixels, 60 bytes after the 16-byte header, but"
                        + " the decompressed data holds only 53; download the file again");
    }

    @Test
    void aGzipStreamCutOffMidwayIsTruncatedWhereTheDataStops() throws IOException {
        byte[] compressed = gzip(images(200, 10, 10));
        Path cut = write("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));

        assertThat(imagesFail(cut))
                .matches("at byte [0-9]+ of the decompressed data: truncated: the header announces 200"
                        + " images of 10x10 pixels, 20000 bytes after the 16-byte header, but the decompressed data holds only"
                        + " [0-9]+; download the file again");
    }

    @Test
    void bytesAfterTheAnnouncedValuesMeanTheHeaderIsWrong() throws IOException {
        assertThat(imagesFail(write("long-raw", withExtra(images(5, 3, 4), 7))))
                .isEqualTo("at byte 76: 7 more bytes"
                        + " follow the 5 images of 3x4 pixels the header announces; the sizes in the header do not match the"
                        + " file, so one of them is damaged or the file is not IDX");
        assertThat(labelsFail(write("long.gz", gzip(withExtra(labels(1, 2), 1)))))
                .isEqualTo("at byte 10 of the"
                        + " decompressed data: more data follows the 2 labels the header announces; the sizes in the header do"
                        + " not match the file, so one of them is damaged");
    }

    // ------------------------------------------------------------------ gzip damage

    @Test
    void aFlippedBitInTheCompressedDataIsCaught() throws IOException {
        byte[] compressed = gzip(images(50, 8, 8));
        // In the middle of the deflate stream; the gzip CRC catches what the stream itself does not.
        compressed[compressed.length / 2] ^= 0x10;

        assertThat(imagesFail(write("flipped.gz", compressed)))
                .matches("at byte [0-9]+ of the decompressed data: the gzip"
                        + " data is damaged \\(.+\\); download the file again");
    }

    @Test
    void aDamagedChecksumAtTheEndOfAGzipFileIsCaught() throws IOException {
        byte[] compressed = gzip(images(5, 3, 4));
        compressed[compressed.length - 6] ^= 1; // in the CRC32 of the gzip trailer

        assertThat(imagesFail(write("trailer.gz", compressed)))
                .isEqualTo("at byte 76 of the decompressed data: the gzip"
                        + " data is damaged (Corrupt GZIP trailer); download the file again");
    }

    @Test
    void aDamagedOrCutGzipHeaderIsSaidSo() throws IOException {
        byte[] compressed = gzip(images(5, 3, 4));
        byte[] method = compressed.clone();
        method[2] = 7; // compression method: only 8 (deflate) exists

        assertThat(imagesFail(write("method.gz", method)))
                .isEqualTo("the gzip header is damaged (Unsupported compression" + " method); download the file again");
        assertThat(imagesFail(write("header.gz", Arrays.copyOf(compressed, 5))))
                .isEqualTo("at byte 5: truncated: the file" + " ends inside its gzip header; download it again");
    }

    // ------------------------------------------------------------------ the pair of files

    @Test
    void aLabelCountOtherThanTheImageCountNamesBothFiles() throws IOException {
        Path images = write("images", images(5, 3, 4));
        Path labels = write("labels", labels(1, 2, 3, 4));

        assertThat(problem(() -> load("images", images, "labels", labels), labels))
                .isEqualTo("at byte 4: the header" + " announces 4 labels, but " + images
                        + " has 5 images; give the labels file that belongs to the images");
    }

    @Test
    void aLabelWithoutAClassNameIsNamedWithItsOffset() throws IOException {
        Path labels = write("labels", labels(0, 2, 1));
        Path images = write("images", images(3, 2, 2));

        assertThat(problem(() -> load("images", images, "labels", labels, "class_names", "a,b"), labels))
                .isEqualTo("at byte 9: label 2 of example 1 is not below the number of classes, 2 (class_names: a,b);"
                        + " give a name for every label");
    }

    @Test
    void testImagesOfAnotherSizeAreAnError() throws IOException {
        Path testImages = write("test-images", images(2, 4, 4));

        assertThat(problem(
                        () -> load(
                                "images",
                                write("images", images(2, 2, 2)),
                                "labels",
                                write("labels", labels(0, 1)),
                                "test_images",
                                testImages,
                                "test_labels",
                                write("test-labels", labels(0, 1))),
                        testImages))
                .isEqualTo("at byte 8: test images are 4x4 pixels, the training images 2x2");
    }

    @Test
    void aFolderIsNotAnIdxFile() {
        assertThat(imagesFail(dir)).isEqualTo("is a folder, not a regular file; give the path of an IDX file");
    }

    // ------------------------------------------------------------------ bounded memory

    @Test
    void aHeaderClaimingTwoBillionImagesIsRefusedWithoutAllocatingThem() throws IOException {
        Path raw = write("huge", header(IdxFile.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28));
        Path gz = write("huge.gz", gzip(header(IdxFile.IMAGES_MAGIC, Integer.MAX_VALUE, 28, 28)));

        String[] messages = new String[2];
        long allocated = allocatedBytes(() -> {
            messages[0] = imagesFail(raw);
            messages[1] = imagesFail(gz);
        });

        assertThat(messages[0])
                .isEqualTo(
                        "at byte 16: truncated: the header announces 2147483647 images of 28x28 pixels,"
                                + " 1683627179248 bytes after the 16-byte header, but the file holds only 0; download the file again");
        assertThat(messages[1])
                .startsWith("at byte 16 of the decompressed data: truncated: the header announces"
                        + " 2147483647 images of 28x28 pixels, 1683627179248 bytes");
        assertThat(allocated).as("bytes allocated").isLessThan(4L << 20);
    }

    @Test
    void sizesWhoseProductOverflowsALongAreStillReportedExactly() throws IOException {
        Path raw = write(
                "overflow", header(IdxFile.IMAGES_MAGIC, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE));

        assertThat(imagesFail(raw))
                .isEqualTo("at byte 16: truncated: the header announces 2147483647 images of"
                        + " 2147483647x2147483647 pixels, 9903520300447984150353281023 bytes after the 16-byte header, but the"
                        + " file holds only 0; download the file again");
    }

    @Test
    void aGzipFileAnnouncingAGigabyteGrowsItsBufferOnlyWithTheDataThere() throws IOException {
        // 1.5 GB announced, fits one array, so the reader really starts reading; 100 images are there.
        byte[] start = Arrays.copyOf(header(IdxFile.IMAGES_MAGIC, 2_000_000, 28, 28), 16 + 100 * 784);
        Path gz = write("big.gz", gzip(start));

        String[] message = new String[1];
        long allocated = allocatedBytes(() -> message[0] = imagesFail(gz));

        assertThat(message[0])
                .isEqualTo("at byte 78416 of the decompressed data: truncated: the header announces 2000000"
                        + " images of 28x28 pixels, 1568000000 bytes after the 16-byte header, but the decompressed data holds"
                        + " only 78400; download the file again");
        assertThat(allocated).as("bytes allocated").isLessThan(4L << 20);
    }

    private static long allocatedBytes(Runnable work) {
        assertThat(THREADS.isThreadAllocatedMemorySupported()).isTrue();
        THREADS.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        work.run();
        return THREADS.getThreadAllocatedBytes(id) - before;
    }
}
