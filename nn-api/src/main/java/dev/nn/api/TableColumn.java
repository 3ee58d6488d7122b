package dev.nn.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One input column of a table as read from its file, before anything is fitted: its name, what its
 * cells are, and how its missing and unseen values are to be treated.
 *
 * <p>In a raw table ({@link Dataset#table()}) each input column is one feature column, and a cell
 * is kept as {@link #parse} makes it: a number as its float32 value, a category as the index of its
 * text in {@link #levels()}, a boolean as 0 or 1, and a missing cell as {@link Float#NaN}, whatever
 * the type. What turns that into a network's inputs (imputation, one-hot features) is fitted on
 * the training part afterwards.
 *
 * @param name    the column's name: the file's header, or the column's 0-based index for a file without one
 * @param type    what the cells are
 * @param levels  for {@link ColumnType#CATEGORY}, the distinct texts of the column in the order they
 *                first appear in the training file, then any further ones of the test file; a cell's
 *                code is its index here. For {@link ColumnType#BOOLEAN}, {@link #BOOLEAN_LEVELS};
 *                empty for {@link ColumnType#NUMBER}. Null means that default for the last two
 * @param missing how a missing cell is filled; null means {@link Missing#defaultFor} the type
 * @param fill    the value of {@link Missing#CONSTANT}: a number's text for a number column, one of
 *                the levels for a category column, {@code "true"} or {@code "false"} for a boolean
 *                column (the other spellings are taken and stored as these); null for other policies
 * @param unseen  what a category value missing from the training part becomes; null means
 *                {@link Unseen#ZEROS}. {@link Unseen#ERROR} is for category columns only
 * @since SPI 1.4
 */
public record TableColumn(
        String name, ColumnType type, List<String> levels, Missing missing, String fill, Unseen unseen) {

    /** The cells that mean "missing" unless a config lists others; an empty cell is missing always. */
    public static final List<String> DEFAULT_MISSING_VALUES = List.of("", "NA", "N/A", "NaN", "null", "?");

    /** The levels of every boolean column: false is code 0, true code 1. */
    public static final List<String> BOOLEAN_LEVELS = List.of("false", "true");

    /**
     * Checks that the parts fit together, fills in the defaults and copies the levels.
     *
     * @param name    the column's name
     * @param type    what the cells are
     * @param levels  the category texts by code ({@link #BOOLEAN_LEVELS} for booleans, empty for numbers)
     * @param missing how a missing cell is filled, or null for the type's default
     * @param fill    the value of {@link Missing#CONSTANT}, else null
     * @param unseen  what an unseen category value becomes, or null for {@link Unseen#ZEROS}
     * @throws IllegalArgumentException naming the column when they do not fit
     */
    public TableColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type of column '" + name + "'");
        String where = "column '" + name + "'";
        if (levels == null && type != ColumnType.CATEGORY) {
            levels = type == ColumnType.BOOLEAN ? BOOLEAN_LEVELS : List.of();
        }
        Objects.requireNonNull(levels, "levels of " + where);
        levels = levels instanceof Levels l ? l : Levels.of(levels, name);
        if (type == ColumnType.NUMBER && !levels.isEmpty()) {
            throw new IllegalArgumentException(where + ": a number column has no levels, got " + levels.size());
        }
        if (type == ColumnType.BOOLEAN && !levels.equals(BOOLEAN_LEVELS)) {
            throw new IllegalArgumentException(where + ": a boolean column's levels are [false, true], got " + levels);
        }
        missing = missing == null ? Missing.defaultFor(type) : missing;
        unseen = unseen == null ? Unseen.ZEROS : unseen;
        if ((missing == Missing.MEAN || missing == Missing.MEDIAN) && type != ColumnType.NUMBER) {
            throw new IllegalArgumentException(
                    where + ": missing: " + missing.label() + " is for number columns, and this is a " + type.label()
                            + " column; use most_frequent or constant");
        }
        if (unseen == Unseen.ERROR && type != ColumnType.CATEGORY) {
            throw new IllegalArgumentException(
                    where + ": unseen is for category columns, and this is a " + type.label() + " column");
        }
        if (missing != Missing.CONSTANT && fill != null) {
            throw new IllegalArgumentException(where + ": fill '" + fill
                    + "' is the value of missing: constant, and the" + " column's missing is " + missing.label());
        }
        if (missing == Missing.CONSTANT) {
            if (fill == null) {
                throw new IllegalArgumentException(where + ": missing: constant needs a fill value");
            }
            fill = checkedFill(where, type, levels, fill);
        }
    }

    private static String checkedFill(String where, ColumnType type, List<String> levels, String fill) {
        String problem = switch (type) {
            case NUMBER -> Float.isFinite(numberValue(fill.trim())) ? null : "is not a number";
            case CATEGORY -> levels.contains(fill) ? null : "is not one of the column's levels";
            case BOOLEAN -> booleanCode(fill.trim()) >= 0 ? null : "is not true or false";
        };
        if (problem != null) {
            throw new IllegalArgumentException(where + ": fill '" + fill + "' " + problem);
        }
        return switch (type) {
            case NUMBER -> fill.trim();
            case CATEGORY -> fill;
            case BOOLEAN -> BOOLEAN_LEVELS.get(booleanCode(fill.trim()));
        };
    }

    /**
     * {@return a number column with the default treatments}
     *
     * @param name the column's name
     */
    public static TableColumn number(String name) {
        return new TableColumn(name, ColumnType.NUMBER, List.of(), null, null, null);
    }

    /**
     * {@return a category column with the default treatments}
     *
     * @param name   the column's name
     * @param levels its texts by code
     */
    public static TableColumn category(String name, List<String> levels) {
        return new TableColumn(name, ColumnType.CATEGORY, levels, null, null, null);
    }

    /**
     * {@return a boolean column with the default treatments}
     *
     * @param name the column's name
     */
    public static TableColumn bool(String name) {
        return new TableColumn(name, ColumnType.BOOLEAN, BOOLEAN_LEVELS, null, null, null);
    }

    /**
     * {@return the raw value of one text cell of this column, by the rules the {@code csv} dataset
     * reads files with} Spaces around the text are ignored. A missing cell (empty, or one of
     * {@code missingValues}) is {@link Float#NaN}; a number is its float32 value; a category text
     * is its index in {@link #levels()}, or -1 when it is not a level (which the encoding treats as
     * {@link #unseen()} says); a boolean is 1 for true, yes, y, t and 1, 0 for false, no, n, f and 0,
     * in any case.
     *
     * @param cell          the text of the cell; null counts as missing
     * @param missingValues the texts that mean missing ({@link #DEFAULT_MISSING_VALUES} unless the data says otherwise)
     * @throws NumberFormatException    when a number column's cell is not a number, or too large for float32
     * @throws IllegalArgumentException when a boolean column's cell is not true or false; the
     *                                  message (as the one above) says what the value is, for the
     *                                  caller to put after the file, line and column
     */
    public float parse(String cell, Set<String> missingValues) {
        String text = cell == null ? "" : cell.trim();
        if (text.isEmpty() || missingValues.contains(text)) {
            return Float.NaN;
        }
        switch (type) {
            case NUMBER:
                float v = numberValue(text);
                if (Float.isNaN(v)) {
                    throw new NumberFormatException("value '" + text + "' is not a number");
                }
                if (Float.isInfinite(v)) {
                    throw new NumberFormatException("value '" + text + "' is too large for float32");
                }
                return v;
            case CATEGORY:
                return levels.indexOf(text);
            default:
                int code = booleanCode(text);
                if (code < 0) {
                    throw new IllegalArgumentException(
                            "value '" + text + "' is not true or false (nor yes/no, y/n, t/f or 1/0)");
                }
                return code;
        }
    }

    /**
     * {@return the float32 value of a number written in decimal or scientific notation ({@code 3},
     * {@code -0.25}, {@code .5}, {@code 1.5e-3}), rounded as {@link Float#parseFloat} rounds it;
     * NaN when {@code text} is anything else (spaces, {@code NaN}, {@code Infinity} and hexadecimal
     * included); infinite when it is beyond float32's range} This is what a number column takes.
     *
     * @param text the text, already without surrounding spaces
     */
    public static float numberValue(CharSequence text) {
        return DecimalText.parse(text);
    }

    /** 1 for a spelling of true, 0 for one of false, -1 for anything else (without a lower-case copy per cell). */
    private static int booleanCode(String text) {
        switch (text.length()) {
            case 1:
                char c = Character.toLowerCase(text.charAt(0));
                return c == 't' || c == 'y' || c == '1' ? 1 : c == 'f' || c == 'n' || c == '0' ? 0 : -1;
            case 2:
                return text.equalsIgnoreCase("no") ? 0 : -1;
            case 3:
                return text.equalsIgnoreCase("yes") ? 1 : -1;
            case 4:
                return text.equalsIgnoreCase("true") ? 1 : -1;
            case 5:
                return text.equalsIgnoreCase("false") ? 0 : -1;
            default:
                return -1;
        }
    }
}
