package dev.nn.plugins.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StrictUtf8ReaderTest {

    private static String read(byte[] bytes) throws IOException {
        StringWriter out = new StringWriter();
        try (Reader reader = new StrictUtf8Reader(new ByteArrayInputStream(bytes))) {
            reader.transferTo(out);
        }
        return out.toString();
    }

    private static StrictUtf8Reader.NotUtf8 failure(byte[] bytes) {
        return catchThrowableOfType(StrictUtf8Reader.NotUtf8.class, () -> read(bytes));
    }

    @Test
    void multiByteCharactersAcrossBufferBoundariesComeOutWhole() throws IOException {
        // 3-byte and 4-byte characters at every alignment against the 16 KB buffer.
        String text = "a\u20ac\uD83D\uDE00\u00e9\n".repeat(5000);

        assertThat(read(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
    }

    @Test
    void aByteOrderMarkAtTheStartIsDroppedAndOnlyThere() throws IOException {
        assertThat(read("\uFEFFa,b\n\uFEFF".getBytes(StandardCharsets.UTF_8))).isEqualTo("a,b\n\uFEFF");
    }

    @Test
    void theFirstInvalidByteIsNamedWithItsLineCountingEveryKindOfLineEnd() {
        byte[] bytes = "one\ntwo\r\nthree\rfour \u00ff".getBytes(StandardCharsets.ISO_8859_1);

        StrictUtf8Reader.NotUtf8 e = failure(bytes);

        assertThat(e.line()).isEqualTo(4);
        assertThat(e.byteOffset()).isEqualTo(bytes.length - 1);
    }

    @Test
    void anInvalidByteFarIntoALargeFileIsFoundWhereItIs() {
        byte[] bytes = "1,2,3\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        bytes = Arrays.copyOf(bytes, bytes.length + 1);
        bytes[bytes.length - 1] = (byte) 0xC3; // the first byte of a 2-byte character, cut off by the end of the file

        StrictUtf8Reader.NotUtf8 e = failure(bytes);

        assertThat(e.line()).isEqualTo(10_001);
        assertThat(e.byteOffset()).isEqualTo(60_000);
    }
}
