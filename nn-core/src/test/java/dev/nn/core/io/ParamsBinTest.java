package dev.nn.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nn.api.Matrix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamsBinTest {

    private static byte[] write(List<ParamsBin.Named> arrays) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ParamsBin.write(arrays, out);
        return out.toByteArray();
    }

    private static List<ParamsBin.Named> read(byte[] bytes) throws Exception {
        return ParamsBin.read(new ByteArrayInputStream(bytes), bytes.length, "params.bin");
    }

    @Test
    void arraysComeBackWithTheirNamesShapesAndExactBits() throws Exception {
        float[] odd = {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 0.1f};
        Matrix big = new Matrix(3, 20_000);
        for (int i = 0; i < big.size(); i++) {
            big.data()[i] = (float) Math.sin(i);
        }
        List<ParamsBin.Named> arrays = List.of(
                new ParamsBin.Named("layers[0].weights", Matrix.wrap(2, 3, odd)),
                new ParamsBin.Named("layers[2].bias", new Matrix(1, 0)),
                new ParamsBin.Named("layers[3].weights", big));

        List<ParamsBin.Named> back = read(write(arrays));

        assertThat(back)
                .extracting(ParamsBin.Named::name)
                .containsExactly("layers[0].weights", "layers[2].bias", "layers[3].weights");
        for (int i = 0; i < arrays.size(); i++) {
            assertThat(back.get(i).value().shape())
                    .isEqualTo(arrays.get(i).value().shape());
            assertThat(bits(back.get(i).value().data()))
                    .isEqualTo(bits(arrays.get(i).value().data()));
        }
    }

    @Test
    void theLayoutIsTheDocumentedOne() throws IOException {
        byte[] bytes = write(List.of(new ParamsBin.Named("w", Matrix.of(new float[] {1f, -2f}))));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(expected);
        data.write("NNPARAM1".getBytes(StandardCharsets.US_ASCII));
        data.writeInt(1);
        data.writeUTF("w");
        data.writeInt(1);
        data.writeInt(2);
        data.writeFloat(1f);
        data.writeFloat(-2f);
        assertThat(bytes).isEqualTo(expected.toByteArray());
    }

    /** A params.bin declaring one {@code rows x cols} array but holding a single float of it. */
    private static byte[] oneFloatOf(String name, int rows, int cols) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(ParamsBin.MAGIC);
        data.writeInt(1);
        data.writeUTF(name);
        data.writeInt(rows);
        data.writeInt(cols);
        data.writeFloat(1f);
        return out.toByteArray();
    }

    @Test
    void aHeaderClaimingGigabytesIsRejectedBeforeAllocating() throws IOException {
        // 2.1 billion floats, 8 GB: more than one array holds.
        byte[] bytes = oneFloatOf("layers[0].weights", 46_000, 46_000);

        assertThatThrownBy(() -> read(bytes))
                .isInstanceOf(ParamsBin.Damaged.class)
                .hasMessage("params.bin declares array 0 (layers[0].weights) as 46000x46000 but only 4 bytes are left");
    }

    @Test
    void anArrayLargerThanTheBytesLeftIsRefusedWithoutAllocatingIt() throws IOException {
        // 400 million floats: one array could hold them, the 4 bytes after the header cannot.
        byte[] bytes = oneFloatOf("w", 20_000, 20_000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(id);
        assertThatThrownBy(() -> read(bytes))
                .hasMessage("params.bin declares array 0 (w) as 20000x20000 but only 4 bytes are left");
        long allocated = threads.getThreadAllocatedBytes(id) - before;

        assertThat(allocated).as("bytes allocated").isLessThan(1L << 20);
    }

    @Test
    void anImpossibleArrayCountIsRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(ParamsBin.MAGIC);
        data.writeInt(Integer.MAX_VALUE);

        assertThatThrownBy(() -> read(out.toByteArray()))
                .hasMessage("params.bin declares 2147483647 arrays, impossible in its 12 bytes");
    }

    @Test
    void negativeDimensionsAreRejected() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream data = new DataOutputStream(out);
        data.write(ParamsBin.MAGIC);
        data.writeInt(1);
        data.writeUTF("b");
        data.writeInt(-1);
        data.writeInt(-4);

        assertThatThrownBy(() -> read(out.toByteArray()))
                .hasMessage("params.bin declares array 0 (b) as -1x-4 but only 0 bytes are left");
    }

    @Test
    void aForeignFileIsNotTakenForParameters() {
        byte[] zipHeader = "PK\u0003\u0004 and then some more bytes".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> read(zipHeader))
                .hasMessage("params.bin does not start with NNPARAM1, so it is not an nn parameter file");
        assertThatThrownBy(() -> read(new byte[3])).hasMessage("params.bin is 3 bytes, too short to hold parameters");
    }

    @Test
    void truncatedAndPaddedFilesAreRejected() throws IOException {
        byte[] whole = write(List.of(new ParamsBin.Named("w", new Matrix(4, 4))));

        assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length - 1)))
                .hasMessage("params.bin declares array 0 (w) as 4x4 but only 63 bytes are left");
        assertThatThrownBy(() -> read(Arrays.copyOf(whole, whole.length + 3)))
                .hasMessage("params.bin has bytes after its last array");
    }

    @Test
    void aStreamShorterThanItsDeclaredSizeEndsInTheMiddle() throws IOException {
        byte[] whole = write(List.of(new ParamsBin.Named("w", new Matrix(4, 4))));
        byte[] cut = Arrays.copyOf(whole, 30);

        assertThatThrownBy(() -> ParamsBin.read(new ByteArrayInputStream(cut), whole.length, "params.bin"))
                .hasMessage("params.bin ends in the middle of an array after 30 bytes");
    }

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }
}
