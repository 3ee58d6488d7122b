package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads the MNIST IDX format: a big-endian header (magic number {@code 0x0000TTDD}, with type
 * TT = 0x08 for unsigned bytes and DD dimensions, then one 32-bit size per dimension) followed by
 * exactly the values the sizes announce. Files may be gzip-compressed; that is told by their first
 * two bytes, not their name.
 *
 * <p>Every problem is a {@link ConfigException} whose message starts with the byte offset it was
 * found at (in the decompressed data for a gzip file) and says what was expected there. Memory is
 * bounded by the file, not by its header: a raw file's sizes are checked against its length before
 * anything is allocated, and a gzip file's buffer grows only as decompressed data arrives.
 */
final class IdxFile {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private static final int BUFFER = 1 << 16;

    /** {@code count} images of {@code rows x cols} unsigned bytes, stored one after another. */
    record Images(int count, int rows, int cols, byte[] pixels) {}

    /** The two kinds of IDX file nn reads, with the words used for them in messages. */
    private enum Kind {
        IMAGES(
                IMAGES_MAGIC,
                "image",
                "an images file such as train-images-idx3-ubyte",
                "images",
                "rows per image",
                "columns per image"),
        LABELS(LABELS_MAGIC, "label", "a labels file such as train-labels-idx1-ubyte", "labels");

        final int magic;
        final String word;
        final String hint;
        final String[] dimensions;

        Kind(int magic, String word, String hint, String... dimensions) {
            this.magic = magic;
            this.word = word;
            this.hint = hint;
            this.dimensions = dimensions;
        }

        int headerBytes() {
            return 4 + 4 * dimensions.length;
        }

        /** What the sizes announce, in words: "5 images of 3x4 pixels", "5 labels". */
        String describe(int[] sizes) {
            return this == IMAGES
                    ? sizes[0] + " images of " + sizes[1] + "x" + sizes[2] + " pixels"
                    : sizes[0] + " labels";
        }
    }

    private IdxFile() {}

    static Images readImages(Path file) throws IOException {
        try (Source source = Source.open(file)) {
            int[] sizes = source.header(Kind.IMAGES);
            byte[] pixels = source.body(Kind.IMAGES, sizes);
            return new Images(sizes[0], sizes[1], sizes[2], pixels);
        }
    }

    static byte[] readLabels(Path file) throws IOException {
        try (Source source = Source.open(file)) {
            return source.body(Kind.LABELS, source.header(Kind.LABELS));
        }
    }

    /** The offset in a labels file of the label of example {@code index}, for messages. */
    static long labelOffset(int index) {
        return Kind.LABELS.headerBytes() + (long) index;
    }

    /** One IDX file being read: its (decompressed) bytes, and how far into them the reader is. */
    private static final class Source implements Closeable {
        private final Path file;
        private final InputStream in;
        private final boolean gzip;
        private final long fileSize;
        private long offset;

        private Source(Path file, InputStream in, boolean gzip, long fileSize) {
            this.file = file;
            this.in = in;
            this.gzip = gzip;
            this.fileSize = fileSize;
        }

        static Source open(Path file) throws IOException {
            BufferedInputStream raw = new BufferedInputStream(DataFiles.open(file, "an IDX file"), BUFFER);
            long size = 0;
            try {
                size = Files.size(file);
                raw.mark(2);
                int b0 = raw.read();
                int b1 = raw.read();
                raw.reset();
                if (b0 != 0x1f || b1 != 0x8b) {
                    return new Source(file, raw, false, size);
                }
                return new Source(file, new GZIPInputStream(raw, BUFFER), true, size);
            } catch (EOFException e) {
                raw.close();
                throw new ConfigException(
                        file.toString(),
                        "at byte " + size + ": truncated: the file ends inside its gzip"
                                + " header; download it again");
            } catch (ZipException e) {
                raw.close();
                throw new ConfigException(
                        file.toString(),
                        "the gzip header is damaged (" + e.getMessage() + "); download the file again");
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** Checks the magic number and returns the sizes, each checked to be positive. */
        int[] header(Kind kind) throws IOException {
            byte[] header = new byte[kind.headerBytes()];
            int got = read(header, 0, 4);
            if (got == 4) {
                int magic = readInt(header, 0);
                if (magic != kind.magic) {
                    throw error(
                            0,
                            "not an IDX " + kind.word + " file: magic number is " + hex(magic) + describeMagic(magic)
                                    + ", expected " + hex(kind.magic) + " (unsigned bytes, "
                                    + dimensions(kind.dimensions.length)
                                    + "); give " + kind.hint);
                }
                got += read(header, 4, header.length - 4);
            }
            if (got < header.length) {
                throw error(
                        got,
                        "truncated: an IDX " + kind.word + " file starts with a " + header.length
                                + "-byte header (the magic number and " + sizes(kind.dimensions.length) + "), "
                                + (got == 0 ? "the file is empty" : "the file ends after " + got + " bytes")
                                + "; download it again");
            }
            int[] sizes = new int[kind.dimensions.length];
            for (int d = 0; d < sizes.length; d++) {
                sizes[d] = readInt(header, 4 + 4 * d);
                if (sizes[d] <= 0) {
                    throw error(
                            4 + 4 * d,
                            "the header gives " + sizes[d] + " " + kind.dimensions[d]
                                    + (sizes[d] < 0
                                            ? "; a size cannot be negative, so the file is corrupt"
                                            : d == 0
                                                    ? ", so the file holds no examples"
                                                    : ", so the images have no pixels"));
                }
            }
            return sizes;
        }

        /** The values after the header: exactly the number the sizes announce, and nothing after them. */
        byte[] body(Kind kind, int[] sizes) throws IOException {
            BigInteger exact = BigInteger.ONE;
            for (int s : sizes) {
                exact = exact.multiply(BigInteger.valueOf(s));
            }
            // Three sizes below 2^31 can multiply past a long; such a file cannot exist anyway.
            long size = exact.bitLength() < Long.SIZE - 1 ? exact.longValue() : Long.MAX_VALUE;
            long start = kind.headerBytes();
            if (!gzip) {
                // A raw file's length tells how many values it holds, before anything is allocated.
                long available = fileSize - start;
                if (available < size) {
                    throw truncated(kind, sizes, exact, Math.max(available, 0));
                }
                if (available > size) {
                    throw error(
                            start + size,
                            (available - size) + " more bytes follow the " + kind.describe(sizes)
                                    + " the header announces; the sizes in the header do not match the file, so one of them is"
                                    + " damaged or the file is not IDX");
                }
            }
            if (size > Matrix.MAX_SIZE) {
                long found = gzip ? skip(size) : size;
                if (found < size) {
                    throw truncated(kind, sizes, exact, found);
                }
                throw error(
                        4,
                        "the header announces " + kind.describe(sizes) + ", " + exact
                                + " bytes, more than one array can hold; split the file into smaller ones");
            }
            byte[] body = gzip ? readGrowing((int) size) : readExactly((int) size);
            if (body.length < size) {
                throw truncated(kind, sizes, exact, body.length);
            }
            if (gzip && readByte() >= 0) {
                throw error(
                        start + size,
                        "more data follows the " + kind.describe(sizes) + " the header announces;"
                                + " the sizes in the header do not match the file, so one of them is damaged");
            }
            return body;
        }

        private byte[] readExactly(int size) throws IOException {
            byte[] body = new byte[size];
            int n = read(body, 0, size);
            // Fewer only if the file shrank while being read; the caller reports it as truncated.
            return n == size ? body : Arrays.copyOf(body, n);
        }

        /**
         * Reads up to {@code size} decompressed bytes into a buffer grown as they arrive, so a header
         * that announces gigabytes fails as truncated instead of allocating them.
         */
        private byte[] readGrowing(int size) throws IOException {
            // Compressed MNIST-like files inflate about 2 to 5 times.
            byte[] body = new byte[(int) Math.min(size, Math.max(BUFFER, Math.min(Matrix.MAX_SIZE, 8 * fileSize)))];
            int filled = 0;
            while (filled < size) {
                if (filled == body.length) {
                    body = Arrays.copyOf(body, (int) Math.min(size, 2L * body.length));
                }
                int n = read(body, filled, body.length - filled);
                filled += n;
                if (filled < body.length) {
                    break;
                }
            }
            return filled == body.length ? body : Arrays.copyOf(body, filled);
        }

        /** Reads and drops up to {@code count} bytes, returning how many there were. */
        private long skip(long count) throws IOException {
            byte[] scratch = new byte[BUFFER];
            long skipped = 0;
            while (skipped < count) {
                int n = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
                if (n == 0) {
                    break;
                }
                skipped += n;
            }
            return skipped;
        }

        private int readByte() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        /** Reads up to {@code length} bytes; fewer only at the end of the data (a cut-off gzip stream counts as the end). */
        private int read(byte[] buffer, int from, int length) throws IOException {
            int total = 0;
            try {
                while (total < length) {
                    int n = in.read(buffer, from + total, length - total);
                    if (n < 0) {
                        break;
                    }
                    total += n;
                    offset += n;
                }
            } catch (ZipException e) {
                throw error(offset, "the gzip data is damaged (" + e.getMessage() + "); download the file again");
            } catch (EOFException e) {
                // GZIPInputStream reports a cut-off stream this way; what was read so far is still valid.
            }
            return total;
        }

        private ConfigException truncated(Kind kind, int[] sizes, BigInteger size, long found) {
            long start = kind.headerBytes();
            return error(
                    start + found,
                    "truncated: the header announces " + kind.describe(sizes) + ", " + size
                            + " bytes after the " + start + "-byte header, but the "
                            + (gzip ? "decompressed data holds" : "file holds")
                            + " only " + found + "; download the file again");
        }

        private ConfigException error(long at, String message) {
            return new ConfigException(
                    file.toString(), "at byte " + at + (gzip ? " of the decompressed data" : "") + ": " + message);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** What a magic number that is not the expected one is, when it says: another kind or type of IDX file. */
    private static String describeMagic(int magic) {
        if (magic == IMAGES_MAGIC) {
            return " (that of an images file)";
        }
        if (magic == LABELS_MAGIC) {
            return " (that of a labels file)";
        }
        if ((magic >>> 16) != 0) {
            return "";
        }
        String type = switch ((magic >>> 8) & 0xff) {
            case 0x08 -> "unsigned bytes";
            case 0x09 -> "signed bytes";
            case 0x0B -> "16-bit integers";
            case 0x0C -> "32-bit integers";
            case 0x0D -> "32-bit floats";
            case 0x0E -> "64-bit floats";
            default -> null;
        };
        return type == null ? "" : " (IDX " + type + ", " + dimensions(magic & 0xff) + ")";
    }

    private static String dimensions(int n) {
        return n + (n == 1 ? " dimension" : " dimensions");
    }

    private static String sizes(int n) {
        return n + (n == 1 ? " size" : " sizes");
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }

    private static String hex(int value) {
        return String.format(Locale.ROOT, "0x%08X", value);
    }
}
