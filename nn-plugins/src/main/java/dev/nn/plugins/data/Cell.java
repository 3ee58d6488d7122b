package dev.nn.plugins.data;

/**
 * One cell of the record being read, as a view of the reader's buffer: read as a number or looked
 * up as a text where it lies, and made a String only when a new level or a message needs it.
 */
final class Cell implements CharSequence {
    private char[] chars;
    private int start;
    private int length;

    /** A cell holding {@code text}. */
    static Cell of(String text) {
        Cell cell = new Cell();
        cell.set(text.toCharArray(), 0, text.length());
        return cell;
    }

    void set(char[] chars, int start, int end) {
        this.chars = chars;
        this.start = start;
        this.length = end - start;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        return chars[start + index];
    }

    @Override
    public CharSequence subSequence(int from, int to) {
        return toString().substring(from, to);
    }

    /** {@return true when the cell's text is {@code text}} */
    boolean is(String text) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (chars[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** {@return the same hash as the cell's String would have} */
    int hash() {
        int h = 0;
        for (int i = start, end = start + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return new String(chars, start, length);
    }
}
