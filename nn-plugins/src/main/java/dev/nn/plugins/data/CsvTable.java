package dev.nn.plugins.data;

import dev.nn.api.ConfigException;
import dev.nn.api.Matrix;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One CSV file read as numeric feature columns plus one label column, kept as text until the
 * classes are known. Every problem is a {@link ConfigException} at {@code file:line}.
 */
final class CsvTable {
    /** Where Commons CSV's message about an unclosed quote says the value began: "(startline 1,234)". */
    private static final Pattern START_LINE = Pattern.compile("startline ([0-9][0-9,.'\\s\u00a0\u202f]*)");

    /** Whether the first record is a header: {@code "true"}, {@code "false"} or {@code "auto"}. */
    enum Header {
        TRUE,
        FALSE,
        AUTO;

        /** The mode named {@code value}, or null when it is none of them. */
        static Header parse(String value) {
            for (Header mode : values()) {
                if (mode.name().equalsIgnoreCase(value.trim())) {
                    return mode;
                }
            }
            return null;
        }
    }

    /** How the label column was asked for: {@code last}, {@code first}, a 0-based index or a header name. */
    record LabelColumn(String text) {

        boolean isName() {
            return !text.equals("last") && !text.equals("first") && index() == null;
        }

        /** The column given as a number, or null. */
        Integer index() {
            try {
                return Integer.valueOf(text.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    final Path file;
    /** Column names, or null when the file has no header. */
    final List<String> header;

    final int columns;
    final int labelColumn;
    final int rows;
    /** Row-major, {@code columns - 1} values per row. */
    final float[] features;

    final String[] labels;
    /** The line each row ends on, for messages. */
    final long[] lines;

    private CsvTable(
            Path file,
            List<String> header,
            int columns,
            int labelColumn,
            int rows,
            float[] features,
            String[] labels,
            long[] lines) {
        this.file = file;
        this.header = header;
        this.columns = columns;
        this.labelColumn = labelColumn;
        this.rows = rows;
        this.features = features;
        this.labels = labels;
        this.lines = lines;
    }

    int featureCount() {
        return columns - 1;
    }

    String where(int row) {
        return file + ":" + lines[row];
    }

    /**
     * Reads {@code file}; {@code like} is the training table when this is its test file, so that
     * the columns and the label column must match it.
     */
    static CsvTable read(Path file, CSVFormat format, Header headerMode, LabelColumn label, CsvTable like)
            throws IOException {
        try (Reader reader = new StrictUtf8Reader(DataFiles.open(file, "a CSV file"));
                CSVParser parser = CSVParser.parse(reader, format)) {
            return new Reading(file, parser, headerMode, label, like).read();
        }
    }

    /** The state of reading one file. */
    private static final class Reading {
        private final Path file;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Header headerMode;
        private final LabelColumn label;
        private final CsvTable like;

        private List<String> header;
        private int columns;
        private long firstLine;
        private int labelColumn;
        private float[] features = new float[1024];
        private String[] labels = new String[64];
        private long[] lines = new long[64];
        private int rows;

        Reading(Path file, CSVParser parser, Header headerMode, LabelColumn label, CsvTable like) {
            this.file = file;
            this.parser = parser;
            this.records = parser.iterator();
            this.headerMode = headerMode;
            this.label = label;
            this.like = like;
        }

        CsvTable read() {
            CSVRecord first = next();
            if (first == null) {
                throw new ConfigException(
                        file.toString(),
                        "the file is empty; expected rows of numbers, one example per row, with a class label");
            }
            firstLine = parser.getCurrentLineNumber();
            List<String> firstValues = first.toList();
            columns = firstValues.size();
            CSVRecord second = next();
            long secondLine = parser.getCurrentLineNumber();

            if (columns < 2) {
                throw new ConfigException(
                        file + ":" + firstLine,
                        "found " + columns + " column; a row needs at least one feature and the label"
                                + delimiterHint(firstValues.get(0)));
            }
            boolean hasHeader = hasHeader(firstValues, second);
            header = hasHeader ? List.copyOf(firstValues) : null;
            labelColumn = resolveLabelColumn();
            if (like != null) {
                checkColumnsMatch();
            }
            if (!hasHeader) {
                add(first, firstLine);
            }
            if (second != null) {
                add(second, secondLine);
            }
            for (CSVRecord record = next(); record != null; record = next()) {
                add(record, parser.getCurrentLineNumber());
            }
            if (rows == 0) {
                throw new ConfigException(file.toString(), "has a header but no data rows");
            }
            return new CsvTable(
                    file,
                    header,
                    columns,
                    labelColumn,
                    rows,
                    Arrays.copyOf(features, rows * (columns - 1)),
                    Arrays.copyOf(labels, rows),
                    Arrays.copyOf(lines, rows));
        }

        /** The next record, or null at the end; one that cannot be parsed is an error at its line. */
        private CSVRecord next() {
            long before = parser.getCurrentLineNumber();
            try {
                return records.hasNext() ? records.next() : null;
            } catch (UncheckedIOException e) {
                throw malformed(e.getCause(), before);
            }
        }

        private ConfigException malformed(IOException cause, long lineBefore) {
            long record = parser.getRecordNumber() + 1;
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof StrictUtf8Reader.NotUtf8 bad) {
                return new ConfigException(
                        file + ":" + bad.line(),
                        "byte " + bad.byteOffset() + " of the file is not UTF-8"
                                + " text; save the file as UTF-8 (in a spreadsheet: CSV UTF-8)");
            }
            if (message.contains("EOF reached before encapsulated token finished")) {
                Matcher start = START_LINE.matcher(message);
                long line = start.find() ? Long.parseLong(start.group(1).replaceAll("\\D", "")) : lineBefore + 1;
                return new ConfigException(
                        file + ":" + line,
                        "record " + record + " opens a quoted value that is never"
                                + " closed (the file ends on line " + parser.getCurrentLineNumber()
                                + "); close the quote with"
                                + " another \", or remove it");
            }
            if (message.contains("Invalid character between encapsulated token and delimiter")) {
                return new ConfigException(
                        file + ":" + parser.getCurrentLineNumber(),
                        "record " + record + " has a quoted"
                                + " value followed by more text before the next delimiter; quote the whole value, and write a"
                                + " quote inside it as two (\"\")");
            }
            return new ConfigException(
                    file + ":" + (lineBefore + 1), "record " + record + " cannot be read as CSV (" + message + ")");
        }

        private boolean hasHeader(List<String> first, CSVRecord second) {
            switch (headerMode) {
                case TRUE:
                    return true;
                case FALSE:
                    if (label.isName()) {
                        throw new ConfigException(
                                file + ":" + firstLine,
                                "label '" + label.text()
                                        + "' names a column, but header is false so the columns have no names;"
                                        + " give the label as first, last or a 0-based column index");
                    }
                    return false;
                default:
                    break;
            }
            if (label.isName()) {
                return true;
            }
            // Any feature column that is not a number makes it a header. The label column alone
            // may hold words (string classes), so it counts only if the next row's label is a number.
            int labelAt = positionalLabelColumn();
            for (int c = 0; c < first.size(); c++) {
                if (c != labelAt && !isNumber(first.get(c))) {
                    return true;
                }
            }
            return labelAt >= 0
                    && labelAt < first.size()
                    && !isNumber(first.get(labelAt))
                    && second != null
                    && second.size() > labelAt
                    && isNumber(second.get(labelAt));
        }

        /** The label column when given by position (possibly out of range), -1 when given by name. */
        private int positionalLabelColumn() {
            return switch (label.text()) {
                case "last" -> columns - 1;
                case "first" -> 0;
                default -> label.isName() ? -1 : label.index();
            };
        }

        private int resolveLabelColumn() {
            if (!label.isName()) {
                int index = positionalLabelColumn();
                if (index < 0 || index >= columns) {
                    throw new ConfigException(
                            file + ":" + firstLine,
                            "label column index " + index + " is out of range; the rows have " + columns
                                    + " columns, indices 0 to " + (columns - 1));
                }
                return index;
            }
            int index = header.indexOf(label.text());
            if (index < 0) {
                throw new ConfigException(
                        file + ":" + firstLine,
                        "label column '" + label.text() + "' not found; the columns are: " + String.join(", ", header));
            }
            return index;
        }

        private void checkColumnsMatch() {
            if (columns != like.columns) {
                throw new ConfigException(
                        file + ":" + firstLine,
                        "the test file has " + columns + " columns, the training file " + like.file + " has "
                                + like.columns + "; both need the same columns");
            }
            if (header != null && like.header != null && !header.equals(like.header)) {
                throw new ConfigException(
                        file + ":" + firstLine,
                        "the test file's columns (" + String.join(", ", header) + ") differ from the training file's ("
                                + String.join(", ", like.header) + ")");
            }
        }

        private void add(CSVRecord record, long line) {
            if (record.size() != columns) {
                throw new ConfigException(
                        file + ":" + line,
                        "row has " + record.size() + " values, expected " + columns + " like line " + firstLine);
            }
            int width = columns - 1;
            long needed = (long) (rows + 1) * width;
            if (needed > features.length) {
                features = Arrays.copyOf(features, grow(features.length, needed, line));
            }
            if (rows == labels.length) {
                labels = Arrays.copyOf(labels, grow(rows, rows + 1L, line));
                lines = Arrays.copyOf(lines, labels.length);
            }
            int at = rows * width;
            for (int c = 0; c < columns; c++) {
                String value = record.get(c);
                if (c == labelColumn) {
                    if (value.isEmpty()) {
                        throw new ConfigException(
                                file + ":" + line,
                                "the label (" + columnName(c) + ") is empty; every row needs a class label");
                    }
                    labels[rows] = value;
                } else {
                    features[at++] = parseFeature(value, c, line);
                }
            }
            lines[rows] = line;
            rows++;
        }

        private float parseFeature(String value, int column, long line) {
            if (value.isEmpty()) {
                throw new ConfigException(
                        file + ":" + line,
                        columnName(column)
                                + " is empty; every feature needs a number (fill in or drop missing values)");
            }
            float v;
            try {
                v = Float.parseFloat(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(
                        file + ":" + line,
                        "value '" + value + "' in " + columnName(column)
                                + " is not a number; features must be numeric");
            }
            if (!Float.isFinite(v)) {
                throw new ConfigException(
                        file + ":" + line,
                        "value '" + value + "' in " + columnName(column)
                                + " is not a finite number (or too large for float32)");
            }
            return v;
        }

        private String columnName(int column) {
            return header != null
                    ? "column '" + header.get(column) + "' (index " + column + ")"
                    : "column index " + column;
        }

        private int grow(int current, long needed, long line) {
            long max = Matrix.MAX_SIZE;
            if (needed > max) {
                throw new ConfigException(
                        file + ":" + line,
                        "the file has more values than one matrix can hold (" + max
                                + "); use a smaller file or the idx format");
            }
            return (int) Math.min(Math.max(needed, 2L * current), max);
        }

        private static String delimiterHint(String value) {
            for (String candidate : new String[] {";", "\t", "|", " "}) {
                if (value.contains(candidate)) {
                    return "; if the values are separated by '" + (candidate.equals("\t") ? "\\t" : candidate)
                            + "', set delimiter: '" + (candidate.equals("\t") ? "\\t" : candidate) + "'";
                }
            }
            return "";
        }
    }

    /** True for text a feature column accepts: a number in decimal or scientific notation. */
    static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return !text.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
