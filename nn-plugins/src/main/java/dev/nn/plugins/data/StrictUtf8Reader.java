package dev.nn.plugins.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and refuses anything else, saying at which line and byte the first invalid
 * sequence is; the JDK's own readers only say "Input length = 1". A byte order mark at the start
 * (which spreadsheet programs write, and which would stick to the first column's name) is dropped.
 */
final class StrictUtf8Reader extends Reader {

    /** The input is not UTF-8 from {@link #byteOffset()} on, which is on line {@link #line()}. */
    static final class NotUtf8 extends IOException {
        private static final long serialVersionUID = 1L;
        private final long line;
        private final long byteOffset;

        NotUtf8(long line, long byteOffset) {
            super("not UTF-8 at byte " + byteOffset + " (line " + line + ")");
            this.line = line;
            this.byteOffset = byteOffset;
        }

        long line() {
            return line;
        }

        long byteOffset() {
            return byteOffset;
        }
    }

    private static final int BUFFER = 1 << 14;

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER).flip();
    private final CharBuffer chars = CharBuffer.allocate(BUFFER).flip();
    /** The offset in the input of {@code bytes.array()[0]}. */
    private long bufferStart;

    private long line = 1;
    private boolean afterCarriageReturn;
    private boolean started;
    private boolean endOfInput;
    private boolean flushed;

    StrictUtf8Reader(InputStream in) {
        this.in = in;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(length, chars.remaining());
        chars.get(buffer, offset, n);
        return n;
    }

    /** Decodes the next characters into {@code chars}; false at the end of the input. */
    private boolean fill() throws IOException {
        chars.clear();
        while (chars.position() == 0) {
            if (flushed) {
                chars.flip();
                return false;
            }
            CoderResult result = decoder.decode(bytes, chars, endOfInput);
            if (result.isError()) {
                countLines(0, chars.position());
                throw new NotUtf8(line, bufferStart + bytes.position());
            }
            if (chars.position() > 0) {
                break;
            }
            if (endOfInput) {
                decoder.flush(chars);
                flushed = true;
            } else {
                readMore();
            }
        }
        chars.flip();
        if (!started) {
            started = true;
            if (chars.hasRemaining() && chars.get(0) == '\uFEFF') {
                chars.get();
            }
        }
        countLines(chars.position(), chars.limit());
        return chars.hasRemaining() || fill();
    }

    private void readMore() throws IOException {
        bufferStart += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    /** Counts line ends as the CSV parser does: LF, CR, or CR LF as one. */
    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = chars.get(i);
            if (c == '\r' || (c == '\n' && !afterCarriageReturn)) {
                line++;
            }
            afterCarriageReturn = c == '\r';
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
