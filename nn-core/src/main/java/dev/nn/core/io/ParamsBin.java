package dev.nn.core.io;

import dev.nn.api.Matrix;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UTFDataFormatException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code params.bin} entry of a model file, and every entry of that layout (a checkpoint's
 * optimizer state): named float32 arrays.
 *
 * <p>Layout, every number big-endian (as {@link DataOutputStream} writes them):
 * <pre>
 *   magic    8 bytes   "NNPARAM1" (ASCII)
 *   count    int32     number of arrays
 *   count times:
 *     name   u16 length + modified UTF-8 ({@link DataOutputStream#writeUTF}), e.g. "layers[0].weights"
 *     rows   int32
 *     cols   int32
 *     values rows * cols float32, row-major
 * </pre>
 * Nothing follows the last array. A reader checks each declared size against the bytes that are
 * really left before allocating, so a damaged header cannot make it allocate gigabytes.
 */
public final class ParamsBin {
    static final byte[] MAGIC = "NNPARAM1".getBytes(StandardCharsets.US_ASCII);
    private static final int CHUNK_FLOATS = 16 * 1024;
    // The smallest possible array record: an empty name, rows and cols.
    private static final int MIN_RECORD_BYTES = 2 + 4 + 4;

    /**
     * One named array.
     *
     * @param name  its name ({@code layers[0].weights})
     * @param value its values and shape
     */
    public record Named(String name, Matrix value) {}

    /** Why an entry could not be read; the message says what is wrong with it, naming the entry. */
    public static final class Damaged extends Exception {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message);
        }
    }

    private ParamsBin() {}

    /**
     * Writes {@code arrays} to {@code out} (not closed).
     *
     * @param arrays the arrays
     * @param out    where to
     * @throws IOException when writing fails
     */
    public static void write(List<Named> arrays, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(arrays.size());
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_FLOATS * Float.BYTES);
        for (Named array : arrays) {
            data.writeUTF(array.name());
            data.writeInt(array.value().rows());
            data.writeInt(array.value().cols());
            float[] values = array.value().data();
            for (int from = 0; from < values.length; from += CHUNK_FLOATS) {
                int n = Math.min(CHUNK_FLOATS, values.length - from);
                chunk.clear();
                chunk.asFloatBuffer().put(values, from, n);
                data.write(chunk.array(), 0, n * Float.BYTES);
            }
        }
        data.flush();
    }

    /**
     * Reads every array from {@code in}, which holds exactly {@code size} bytes.
     *
     * @param in    the entry's content
     * @param size  its length in bytes
     * @param entry the entry's name, for messages ({@code params.bin})
     * @return the arrays, in order
     * @throws Damaged     when the content does not follow the layout
     * @throws IOException when it cannot be read
     */
    public static List<Named> read(InputStream in, long size, String entry) throws IOException, Damaged {
        Counting counting = new Counting(in);
        DataInputStream data = new DataInputStream(counting);
        try {
            if (size < MAGIC.length + 4) {
                throw new Damaged(entry + " is " + size + " bytes, too short to hold parameters");
            }
            byte[] magic = new byte[MAGIC.length];
            data.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new Damaged(entry + " does not start with NNPARAM1, so it is not an nn parameter file");
            }
            int count = data.readInt();
            if (count < 0 || count > (size - counting.read) / MIN_RECORD_BYTES) {
                throw new Damaged(entry + " declares " + count + " arrays, impossible in its " + size + " bytes");
            }
            List<Named> arrays = new ArrayList<>(count);
            byte[] chunk = new byte[CHUNK_FLOATS * Float.BYTES];
            for (int i = 0; i < count; i++) {
                String name = data.readUTF();
                int rows = data.readInt();
                int cols = data.readInt();
                long values = (long) rows * cols;
                long left = size - counting.read;
                if (rows < 0 || cols < 0 || values > Matrix.MAX_SIZE || values * Float.BYTES > left) {
                    throw new Damaged(entry + " declares array " + i + " (" + name + ") as " + rows + "x" + cols
                            + " but only " + left + " bytes are left");
                }
                float[] array = new float[(int) values];
                for (int from = 0; from < array.length; from += CHUNK_FLOATS) {
                    int n = Math.min(CHUNK_FLOATS, array.length - from);
                    data.readFully(chunk, 0, n * Float.BYTES);
                    ByteBuffer.wrap(chunk, 0, n * Float.BYTES).asFloatBuffer().get(array, from, n);
                }
                arrays.add(new Named(name, Matrix.wrap(rows, cols, array)));
            }
            if (counting.read != size || data.read() >= 0) {
                throw new Damaged(entry + " has bytes after its last array");
            }
            return arrays;
        } catch (EOFException e) {
            throw new Damaged(entry + " ends in the middle of an array after " + counting.read + " bytes");
        } catch (UTFDataFormatException e) {
            throw new Damaged(entry + " has an array name that is not valid UTF-8 at byte " + counting.read);
        }
    }

    /** Counts the bytes read through it, so sizes can be checked against what is left. */
    private static final class Counting extends InputStream {
        private final InputStream in;
        private long read;

        Counting(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                read++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
