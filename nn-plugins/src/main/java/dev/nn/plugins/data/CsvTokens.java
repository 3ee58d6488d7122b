package dev.nn.plugins.data;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits CSV text into records of cells without making a String of each cell: a record's cells
 * are ranges of one character buffer, read as numbers or looked up as texts where they lie.
 *
 * <p>The format is RFC 4180's as Commons CSV reads it by default with {@code trim} and empty lines
 * skipped: a cell that starts with {@code "} runs to the next lone {@code "} (a doubled one stands
 * for one; delimiters and line breaks inside are text) and may be followed by spaces only; any
 * other cell runs to the next delimiter or line break, quotes included. Spaces and control
 * characters around a cell are dropped, as {@link String#trim} drops them. A line break is LF, CR
 * or CR LF.
 */
final class CsvTokens implements CsvTable.Cells {
    /** A record that cannot be read: what is wrong, where, and which record it is (the header counts). */
    static final class Malformed extends IOException {
        private static final long serialVersionUID = 1L;

        /** What is wrong. */
        enum Kind {
            /** A quoted value still open at the end of the text. */
            UNCLOSED_QUOTE,
            /** Text after a quoted value's closing quote, before the next delimiter. */
            TEXT_AFTER_QUOTE
        }

        final Kind kind;
        /** The line of the opening quote (unclosed), or of the text after the closing one. */
        final long line;

        final long record;
        /** The line of the last character of the text read. */
        final long lastLine;

        Malformed(Kind kind, long line, long record, long lastLine) {
            super(kind + " at line " + line + " of record " + record);
            this.kind = kind;
            this.line = line;
            this.record = record;
            this.lastLine = lastLine;
        }
    }

    private static final int EOF = -1;
    /** What ended a cell: a delimiter (a line break or the end are their own character or EOF). */
    private static final int DELIMITER = -2;

    private final Reader in;
    private final char[] delimiter;
    private final char first;

    private char[] buf = new char[1 << 16];
    private int pos;
    private int limit;
    private boolean ended;
    /** Where the current record starts in {@link #buf}; what lies before may be let go. */
    private int recordStart;
    /** Where the cell being read starts, and (in quotes) where its next character goes; moved with the record. */
    private int cellStart;

    private int write;

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    private int size;

    /** The line of the next character. */
    private long line = 1;
    /** The line of the last character read. */
    private long lastLine = 1;

    private long records;
    private long recordLine;

    CsvTokens(Reader in, String delimiter) {
        this.in = in;
        this.delimiter = delimiter.toCharArray();
        this.first = this.delimiter[0];
    }

    /** {@return the number of cells of the current record} */
    @Override
    public int size() {
        return size;
    }

    /** {@return the line the current record ends on} */
    long line() {
        return recordLine;
    }

    /** {@return how many records were read, the current one included} */
    long records() {
        return records;
    }

    /** {@return the line of the last character read} */
    long lastLine() {
        return lastLine;
    }

    /** Points {@code cell} at cell {@code i} of the current record. */
    @Override
    public void cell(int i, Cell cell) {
        cell.set(buf, starts[i], ends[i]);
    }

    /** {@return cell {@code i} of the current record as a string} */
    String text(int i) {
        return new String(buf, starts[i], ends[i] - starts[i]);
    }

    /** {@return every cell of the current record as strings} */
    List<String> texts() {
        List<String> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(text(i));
        }
        return out;
    }

    /**
     * Reads the next record; false at the end of the text. The cells of the record before are no
     * longer valid.
     *
     * @throws Malformed for a quoted value that is not closed, or text after a closing quote
     */
    boolean next() throws IOException {
        size = 0;
        int c;
        // Empty lines are skipped: at a record's start, a line break ends nothing.
        while (true) {
            recordStart = pos;
            c = read();
            if (c != '\n' && c != '\r') {
                break;
            }
            endOfLine(c);
        }
        if (c == EOF) {
            return false;
        }
        records++;
        while (true) {
            int end = c == '"' ? quoted() : simple(c);
            if (end == DELIMITER) {
                c = read();
                continue;
            }
            recordLine = lastLine;
            if (end != EOF) {
                endOfLine(end);
            }
            return true;
        }
    }

    /**
     * A cell not in quotes whose first character {@code c} was read: up to the next delimiter, line
     * break or the end. {@return what ended it: {@link #DELIMITER} (consumed), a line break's first
     * character (consumed), or {@link #EOF}}
     */
    private int simple(int c) throws IOException {
        if (c == EOF) {
            add(pos, pos);
            return EOF;
        }
        cellStart = pos - 1;
        while (true) {
            if (c == '\n' || c == '\r') {
                add(cellStart, pos - 1);
                return c;
            }
            if (c == first && restIsDelimiter()) {
                add(cellStart, pos - 1);
                pos += delimiter.length - 1;
                return DELIMITER;
            }
            // The characters up to the next that may end the cell, in one sweep.
            int p = pos;
            int end = limit;
            char[] b = buf;
            while (p < end) {
                char ch = b[p];
                if (ch == first || ch == '\n' || ch == '\r') {
                    break;
                }
                p++;
            }
            pos = p;
            c = read();
            if (c == EOF) {
                add(cellStart, pos);
                return EOF;
            }
        }
    }

    /** A quoted cell, its opening quote read; {@return what ended it, as {@link #simple} says} */
    private int quoted() throws IOException {
        long startLine = lastLine;
        cellStart = pos;
        write = pos;
        int previous = 0;
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new Malformed(Malformed.Kind.UNCLOSED_QUOTE, startLine, records, lastLine);
            }
            if (c == '"') {
                c = read();
                if (c == '"') {
                    buf[write++] = '"';
                    previous = c;
                    continue;
                }
                add(cellStart, write);
                // Spaces may follow the closing quote; then the delimiter, a line break or the end.
                while (true) {
                    if (c == EOF || c == '\n' || c == '\r') {
                        return c;
                    }
                    if (c == first && restIsDelimiter()) {
                        pos += delimiter.length - 1;
                        return DELIMITER;
                    }
                    if (!Character.isWhitespace((char) c)) {
                        throw new Malformed(Malformed.Kind.TEXT_AFTER_QUOTE, lastLine, records, lastLine);
                    }
                    c = read();
                }
            }
            // A line break inside quotes is text, counted as a line (CR LF once).
            if (c == '\r' || (c == '\n' && previous != '\r')) {
                line++;
            }
            previous = c;
            buf[write++] = (char) c;
        }
    }

    /** Whether the characters after a delimiter's first, just read, are the rest of it (not consumed). */
    private boolean restIsDelimiter() throws IOException {
        for (int k = 1; k < delimiter.length; k++) {
            while (pos + k - 1 >= limit) {
                if (!fill()) {
                    return false;
                }
            }
            if (buf[pos + k - 1] != delimiter[k]) {
                return false;
            }
        }
        return true;
    }

    /** Adds a cell of {@code [start, end)} without the spaces and control characters around it. */
    private void add(int start, int end) {
        while (start < end && buf[start] <= ' ') {
            start++;
        }
        while (end > start && buf[end - 1] <= ' ') {
            end--;
        }
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    /** A record's line break was read: a CR and the LF after it are one. */
    private void endOfLine(int c) throws IOException {
        if (c == '\r') {
            if (pos == limit) {
                fill();
            }
            if (pos < limit && buf[pos] == '\n') {
                pos++;
            }
        }
        line++;
    }

    private int read() throws IOException {
        if (pos == limit && !fill()) {
            return EOF;
        }
        lastLine = line;
        return buf[pos++];
    }

    /** Reads more text, moving the current record to the buffer's start (or growing the buffer) to make room. */
    private boolean fill() throws IOException {
        if (ended) {
            return false;
        }
        if (limit == buf.length) {
            if (recordStart > 0) {
                int shift = recordStart;
                System.arraycopy(buf, shift, buf, 0, limit - shift);
                for (int i = 0; i < size; i++) {
                    starts[i] -= shift;
                    ends[i] -= shift;
                }
                limit -= shift;
                pos -= shift;
                cellStart -= shift;
                write -= shift;
                recordStart = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, limit, buf.length - limit);
        while (n == 0) {
            n = in.read(buf, limit, buf.length - limit);
        }
        if (n < 0) {
            ended = true;
            return false;
        }
        limit += n;
        return true;
    }
}
