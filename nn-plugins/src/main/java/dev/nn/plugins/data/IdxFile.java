package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the MNIST IDX format: a big-endian header (magic number {@code 0x0000TTDD}, with type
 * TT = 0x08 for unsigned bytes and DD dimensions, then one 32-bit size per dimension) followed by
 * the values. Files may be gzip-compressed; that is told by their first two bytes, not their name.
 */
final class IdxFile {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** {@code count} images of {@code rows x cols} unsigned bytes, stored one after another. */
    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxFile() {
    }

    static Images readImages(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int[] header = readHeader(in, file, IMAGES_MAGIC, "image", "an images file such as train-images-idx3-ubyte");
            int count = header[0];
            int rows = header[1];
            int cols = header[2];
            long size = (long) count * rows * cols;
            if (size > MAX_ARRAY) {
                throw new ConfigException(file.toString(), "the header announces " + count + " images of " + rows + "x" + cols
                        + " pixels, more than one array can hold; is the file corrupt?");
            }
            byte[] pixels = readBody(in, file, (int) size, "image", count + " images of " + rows + "x" + cols + " pixels");
            return new Images(count, rows, cols, pixels);
        } catch (ZipException e) {
            throw notGzip(file, e);
        }
    }

    static byte[] readLabels(Path file) throws IOException {
        try (InputStream in = open(file)) {
            int[] header = readHeader(in, file, LABELS_MAGIC, "label", "a labels file such as train-labels-idx1-ubyte");
            return readBody(in, file, header[0], "label", header[0] + " labels");
        } catch (ZipException e) {
            throw notGzip(file, e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw DataFiles.notFound(file);
        }
        if (Files.isDirectory(file)) {
            throw new ConfigException(file.toString(), "is a folder, expected an IDX file");
        }
        BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            try {
                return new GZIPInputStream(in, BUFFER);
            } catch (EOFException e) {
                in.close();
                throw new ConfigException(file.toString(), "truncated: the gzip header is cut off; download the file again");
            } catch (IOException e) {
                in.close();
                throw e;
            }
        }
        return in;
    }

    /** Checks the magic number and returns the dimension sizes. */
    private static int[] readHeader(InputStream in, Path file, int magic, String what, String hint) throws IOException {
        byte[] start = new byte[4];
        int found = readFully(in, start, start.length);
        int dims = magic & 0xff;
        if (found < 4) {
            throw new ConfigException(file.toString(), "truncated: an IDX " + what + " file starts with a "
                    + (4 + 4 * dims) + "-byte header, the file has only " + found + " bytes");
        }
        int actual = readInt(start, 0);
        if (actual != magic) {
            String wrongKind = actual == IMAGES_MAGIC ? " (that of an images file)"
                    : actual == LABELS_MAGIC ? " (that of a labels file)" : "";
            throw new ConfigException(file.toString(), "not an IDX " + what + " file: magic number is " + hex(actual) + wrongKind
                    + ", expected " + hex(magic) + " (unsigned bytes, " + dims + (dims == 1 ? " dimension" : " dimensions")
                    + "); give " + hint);
        }
        byte[] sizes = new byte[4 * dims];
        int got = readFully(in, sizes, sizes.length);
        if (got < sizes.length) {
            throw new ConfigException(file.toString(), "truncated: the header needs " + (4 + sizes.length)
                    + " bytes, the file has only " + (4 + got));
        }
        int[] header = new int[dims];
        for (int d = 0; d < dims; d++) {
            header[d] = readInt(sizes, 4 * d);
            if (header[d] < 0) {
                throw new ConfigException(file.toString(), "the header gives a negative size (" + header[d] + ") for dimension "
                        + (d + 1) + "; the file is corrupt");
            }
        }
        return header;
    }

    private static byte[] readBody(InputStream in, Path file, int size, String kind, String what) throws IOException {
        // Grown as it fills rather than allocated at once, so a corrupt header that announces
        // gigabytes fails as "truncated" instead of exhausting memory.
        byte[] body = new byte[Math.min(size, initialCapacity(file))];
        int filled = 0;
        while (filled < size) {
            if (filled == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(size, 2L * body.length));
            }
            int n = readFully(in, body, filled, body.length - filled);
            filled += n;
            if (filled < body.length) {
                break;
            }
        }
        if (filled < size) {
            throw new ConfigException(file.toString(), "truncated: expected " + size + " bytes of " + kind + " data ("
                    + what + "), found " + filled + "; download the file again");
        }
        return body;
    }

    private static int initialCapacity(Path file) throws IOException {
        // Compressed MNIST-like files inflate about 2 to 5 times; raw files are their own size.
        return (int) Math.min(MAX_ARRAY, Math.max(BUFFER, 8 * Files.size(file)));
    }

    private static int readFully(InputStream in, byte[] buffer, int length) throws IOException {
        return readFully(in, buffer, 0, length);
    }

    /** Reads up to {@code length} bytes; fewer only at the end of the data (a cut-off gzip stream counts as the end). */
    private static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        try {
            while (total < length) {
                int n = in.read(buffer, offset + total, length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (EOFException e) {
            // GZIPInputStream reports a cut-off stream this way; what was read so far is still valid.
        }
        return total;
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }

    private static ConfigException notGzip(Path file, ZipException e) {
        return new ConfigException(file.toString(), "starts like a gzip file but cannot be decompressed ("
                + e.getMessage() + "); download the file again", e);
    }
}
