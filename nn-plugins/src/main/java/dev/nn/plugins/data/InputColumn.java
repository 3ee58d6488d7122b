package dev.nn.plugins.data;

import dev.nn.api.ColumnType;
import dev.nn.api.Missing;
import dev.nn.api.TableColumn;
import dev.nn.api.Unseen;
import java.util.List;
import java.util.Set;

/**
 * One input column while a table is read: its cells go straight to float32 (a number, a level's
 * code, 0 or 1, NaN when missing) in its slot of the rows, and its type is found as it goes when
 * the config does not declare it.
 *
 * <p>An undeclared column is a number column until its first cell that is not a number; its
 * earlier cells then become levels by their number's text ({@code 02134} becomes {@code 2134}; a
 * column declared {@code type: category} keeps every text as it is). A column of words that are
 * all true, false, yes or no (in any case) is a boolean column. The types are fixed once the
 * training file is read: in the test file a category column only gains levels, after the
 * training file's.
 */
final class InputColumn {
    /** The types a column can be in while it is read. */
    private enum State {
        /** Numbers (or nothing but missing cells) so far. */
        NUMBERS,
        /** Texts, kept as codes into {@link #codes}. */
        TEXTS,
        /** 0 or 1. */
        BOOLEANS
    }

    final String name;
    final int index;
    final int slot;
    /** The declared type, or null when it is inferred. */
    final ColumnType declared;
    /** The declared missing-value policy, or null for the type's default. */
    final Missing missing;

    final String fill;
    final Unseen unseen;
    /** How the column is named in messages: "column 'rooms' (index 2)". */
    final String label;

    private State state;
    private final TextCodes codes = new TextCodes();
    private final TableColumn booleans;
    /** After the training file: the type is known and no longer changes. */
    private boolean fixed;

    private long missingCells;

    InputColumn(String name, int index, int slot, boolean hasHeader, CsvSettings.Declared declaration) {
        this.name = name;
        this.index = index;
        this.slot = slot;
        this.declared = declaration == null ? null : declaration.type();
        this.missing = declaration == null ? null : declaration.missing();
        this.fill = declaration == null ? null : declaration.fill();
        this.unseen = declaration == null ? null : declaration.unseen();
        this.label = hasHeader ? "column '" + name + "' (index " + index + ")" : "column index " + index;
        this.state = declared == ColumnType.CATEGORY
                ? State.TEXTS
                : declared == ColumnType.BOOLEAN ? State.BOOLEANS : State.NUMBERS;
        this.booleans = TableColumn.bool(name);
    }

    /** {@return the column's type: declared, or as inferred from the cells read so far} */
    ColumnType type() {
        return switch (state) {
            case NUMBERS -> ColumnType.NUMBER;
            case TEXTS -> ColumnType.CATEGORY;
            case BOOLEANS -> ColumnType.BOOLEAN;
        };
    }

    /** {@return the missing-value policy in force: declared, or the type's default} */
    Missing policy() {
        return missing != null ? missing : Missing.defaultFor(type());
    }

    long missingCells() {
        return missingCells;
    }

    int levelCount() {
        return codes.size();
    }

    /**
     * {@return the raw value of {@code text}, a cell of this column, which is not missing}
     *
     * @param row  the table being read, for messages and for turning earlier cells into levels
     * @param line the cell's line
     */
    float value(Cell text, CsvTable.Reading row, long line) {
        switch (state) {
            case NUMBERS: {
                float v = TableColumn.numberValue(text);
                if (Float.isNaN(v)) {
                    if (declared == ColumnType.NUMBER || fixed) {
                        throw row.error(
                                line,
                                "value '" + text + "' in " + label + " is not a number; "
                                        + (declared == ColumnType.NUMBER
                                                ? "the column is declared type: number"
                                                : "the training file has only numbers in this column (declare its"
                                                        + " type: category to take words)"));
                    }
                    becomeTexts(row.store());
                    return code(text, row, line);
                }
                if (Float.isInfinite(v)) {
                    throw row.error(
                            line,
                            "value '" + text + "' in " + label + " is not a finite number (or too large for float32)");
                }
                return v;
            }
            case TEXTS:
                return code(text, row, line);
            default:
                try {
                    return booleans.parse(text.toString(), Set.of());
                } catch (IllegalArgumentException e) {
                    throw row.error(
                            line,
                            "value '" + text + "' in " + label
                                    + " is not true or false (nor yes/no, y/n, t/f or 1/0)"
                                    + (declared == ColumnType.BOOLEAN
                                            ? "; the column is declared type: boolean"
                                            : "; the training file has only true and false in this column"
                                                    + " (declare its type: category to take other words)"));
                }
        }
    }

    /** A missing cell: NaN, or the error {@code missing: error} asks for. */
    float missingValue(Cell text, CsvTable.Reading row, long line) {
        if (missing == Missing.ERROR) {
            throw row.error(
                    line,
                    label + " has no value" + (text.length() == 0 ? "" : " ('" + text + "')") + "; columns." + name
                            + ".missing: error asks for one in every row");
        }
        missingCells++;
        return Float.NaN;
    }

    private float code(Cell text, CsvTable.Reading row, long line) {
        int code = codes.find(text);
        if (code >= 0) {
            return code;
        }
        if (fixed && unseen == Unseen.ERROR) {
            throw row.error(
                    line,
                    "value '" + text + "' in " + label + " is not one of the training file's levels; columns." + name
                            + ".unseen: error refuses it (zeros would make its one-hot features 0)");
        }
        if (codes.size() == 1 << 24) {
            throw row.error(
                    line,
                    label + " has more than " + codes.size()
                            + " distinct values, more than a category column can code in float32; is it a number"
                            + " column with a stray word? Declare its type: number");
        }
        return codes.add(text.toString());
    }

    /** The column held numbers and meets its first word: the numbers so far become levels by their text. */
    private void becomeTexts(RowStore store) {
        state = State.TEXTS;
        store.update(slot, v -> {
            if (Float.isNaN(v)) {
                return v;
            }
            String text = numberText(v);
            int code = codes.find(text);
            return code >= 0 ? code : codes.add(text);
        });
    }

    /**
     * The training file is read: an undeclared column of true/false/yes/no words becomes a boolean
     * column, a category fill that the file lacks becomes a level, and the type is fixed.
     */
    void finishTraining(RowStore store) {
        List<String> levels = codes.texts();
        if (declared == null
                && state == State.TEXTS
                && !levels.isEmpty()
                && levels.stream().allMatch(InputColumn::isBooleanWord)) {
            float[] value = new float[levels.size()];
            for (int i = 0; i < value.length; i++) {
                value[i] = booleans.parse(levels.get(i), Set.of());
            }
            store.update(slot, v -> Float.isNaN(v) ? v : value[(int) v]);
            state = State.BOOLEANS;
            codes.clear();
        }
        if (state == State.TEXTS && policy() == Missing.CONSTANT && fill != null && codes.find(fill) < 0) {
            codes.add(fill);
        }
        fixed = true;
    }

    /**
     * {@return the column as a dataset's table describes it}
     *
     * @throws IllegalArgumentException when its declared treatments do not fit its (inferred) type
     */
    TableColumn describe() {
        List<String> columnLevels = state == State.TEXTS
                ? List.copyOf(codes.texts())
                : state == State.BOOLEANS ? TableColumn.BOOLEAN_LEVELS : List.of();
        return new TableColumn(name, type(), columnLevels, missing, fill, unseen);
    }

    /** True for the words that make an undeclared column boolean: true, false, yes, no, in any case. */
    private static boolean isBooleanWord(String text) {
        return text.equalsIgnoreCase("true")
                || text.equalsIgnoreCase("false")
                || text.equalsIgnoreCase("yes")
                || text.equalsIgnoreCase("no");
    }

    /** The text a number has as a level: whole numbers without a decimal point ({@code 2134}), else as float32 prints it. */
    static String numberText(float v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Float.toString(v);
    }

    @Override
    public String toString() {
        return name + " " + type().label();
    }
}
