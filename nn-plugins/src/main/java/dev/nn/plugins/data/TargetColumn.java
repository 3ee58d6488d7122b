package dev.nn.plugins.data;

import dev.nn.api.TableColumn;
import dev.nn.plugins.data.CsvSettings.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One target column while a table is read, in its slot of the rows: a class label (kept as a code
 * of its exact text until the classes are known, then as the class index) or a regression value.
 *
 * <p>When the task is to be inferred, the column keeps its distinct texts while there are few;
 * past {@value #KEPT_TEXTS} distinct numbers it keeps only their values (a column of that many
 * different numbers is a regression target unless a word turns up).
 */
final class TargetColumn {
    /** Classification takes whole numbers with at most this many distinct values. */
    static final int MAX_WHOLE_CLASSES = 20;

    private static final int KEPT_TEXTS = 1024;

    final String name;
    final int index;
    final int slot;
    /** How the column is named in messages: "target column 'price' (index 3)". */
    final String label;

    private final boolean inferring;
    /** True while the cells are kept as codes of their texts; false: as numbers. */
    private boolean texts;

    private final TextCodes codes = new TextCodes();
    private final List<String> levels = codes.texts();
    /** The first level that is not a number, or null. */
    private String firstWord;
    /** The task, once the training file is read. */
    private Task task;

    private Classes classes;

    TargetColumn(String name, int index, int slot, boolean hasHeader, Task task) {
        this.name = name;
        this.index = index;
        this.slot = slot;
        this.label = hasHeader ? "target column '" + name + "' (index " + index + ")" : "target column index " + index;
        this.inferring = task == null;
        this.texts = task != Task.REGRESSION;
        this.task = task;
    }

    /** {@return the raw value of {@code text}, which is not missing: a code or class index, or a number} */
    float value(Cell text, CsvTable.Reading row, long line) {
        if (classes != null) {
            return classes.indexOf(text.toString(), row, line);
        }
        if (texts) {
            int code = codes.find(text);
            if (code >= 0) {
                return code;
            }
            String added = text.toString();
            code = codes.add(added);
            if (firstWord == null && Float.isNaN(TableColumn.numberValue(added))) {
                firstWord = added;
            }
            if (inferring && firstWord == null && levels.size() > KEPT_TEXTS) {
                becomeNumbers(row.store());
                return TableColumn.numberValue(text);
            }
            return code;
        }
        float v = TableColumn.numberValue(text);
        if (Float.isNaN(v)) {
            if (inferring) {
                // Words after many numbers: a classification target after all.
                becomeTexts(row.store());
                return value(text, row, line);
            }
            throw row.error(
                    line, "value '" + text + "' in " + label + " is not a number; regression targets must be numbers");
        }
        if (Float.isInfinite(v)) {
            throw row.error(
                    line, "value '" + text + "' in " + label + " is not a finite number (or too large for float32)");
        }
        return v;
    }

    private void becomeNumbers(RowStore store) {
        float[] value = new float[levels.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = TableColumn.numberValue(levels.get(i));
        }
        store.update(slot, v -> value[(int) v]);
        texts = false;
        codes.clear();
    }

    private void becomeTexts(RowStore store) {
        texts = true;
        store.update(slot, v -> {
            String text = InputColumn.numberText(v);
            int code = codes.find(text);
            return code >= 0 ? code : codes.add(text);
        });
    }

    /**
     * The training file is read: the task is decided (when the config leaves it open), the classes
     * made, and the rows hold class indices or numbers from now on.
     *
     * @return why the task is what it is, for the log, when it was inferred; else null
     */
    String finishTraining(RowStore store) {
        String reason = null;
        if (inferring) {
            reason = inferTask(store);
        }
        if (task == Task.CLASSIFICATION) {
            if (!texts) {
                becomeTexts(store);
            }
            classes = Classes.of(List.copyOf(levels));
            int[] classOf = new int[levels.size()];
            for (int i = 0; i < classOf.length; i++) {
                classOf[i] = classes.index.get(classes.key(levels.get(i)));
            }
            store.update(slot, v -> classOf[(int) v]);
        } else if (texts) {
            becomeNumbers(store);
        }
        codes.clear();
        return reason;
    }

    /** Text, or few distinct whole numbers: classification; other numbers: regression. */
    private String inferTask(RowStore store) {
        String what = "target '" + name + "'";
        if (firstWord != null) {
            task = Task.CLASSIFICATION;
            return what + " holds text, such as '" + firstWord + "'";
        }
        Set<Float> distinct = new HashSet<>();
        float[] fraction = {Float.NaN};
        if (texts) {
            for (String level : levels) {
                note(TableColumn.numberValue(level), distinct, fraction);
            }
        } else {
            store.forEach(slot, v -> note((float) v, distinct, fraction));
        }
        if (!Float.isNaN(fraction[0])) {
            task = Task.REGRESSION;
            return what + " holds numbers that are not whole, such as " + fraction[0];
        }
        if (distinct.size() > MAX_WHOLE_CLASSES) {
            task = Task.REGRESSION;
            return what + " holds more than " + MAX_WHOLE_CLASSES + " distinct whole numbers";
        }
        task = Task.CLASSIFICATION;
        return what + " holds " + distinct.size() + " distinct whole number" + (distinct.size() == 1 ? "" : "s")
                + " (classification takes at most " + MAX_WHOLE_CLASSES + ")";
    }

    private static void note(float v, Set<Float> distinct, float[] fraction) {
        if (v != Math.rint(v)) {
            if (Float.isNaN(fraction[0])) {
                fraction[0] = v;
            }
        } else if (distinct.size() <= MAX_WHOLE_CLASSES) {
            distinct.add(v);
        }
    }

    Task task() {
        return task;
    }

    List<String> classNames() {
        return classes.names;
    }

    /**
     * The classes found in the training file, and how a label text maps to its index: when every
     * label is a whole number, the classes are those numbers in increasing order ("3.0" as written
     * by pandas is the class "3"); otherwise they are the distinct texts in alphabetical order.
     */
    record Classes(List<String> names, Map<String, Integer> index, boolean integers) {

        static Classes of(List<String> texts) {
            boolean integers = texts.stream().allMatch(t -> integerValue(t) != null);
            List<String> names = new ArrayList<>();
            if (integers) {
                TreeSet<Long> values = new TreeSet<>();
                for (String text : texts) {
                    values.add(integerValue(text));
                }
                values.forEach(v -> names.add(Long.toString(v)));
            } else {
                names.addAll(new TreeSet<>(texts));
            }
            Map<String, Integer> index = new HashMap<>();
            for (int k = 0; k < names.size(); k++) {
                index.put(names.get(k), k);
            }
            return new Classes(List.copyOf(names), index, integers);
        }

        /** The text a label is looked up by: its whole number's text when the classes are numbers. */
        String key(String text) {
            Long value = integers ? integerValue(text) : null;
            return value != null ? Long.toString(value) : text;
        }

        /** The class index of a test file's label, or an error at its line. */
        float indexOf(String text, CsvTable.Reading row, long line) {
            Integer k = index.get(key(text));
            if (k == null) {
                throw row.error(
                        line,
                        "label '" + text + "' is not one of the training file's classes (" + describe(names)
                                + "); the test file may only use classes the training file has");
            }
            return k;
        }

        private static String describe(List<String> names) {
            if (names.size() <= 20) {
                return String.join(", ", names);
            }
            return String.join(", ", names.subList(0, 20)) + ", ... " + (names.size() - 20) + " more";
        }

        /** The label as a whole number ("3", "-1", and "3.0" as written by pandas), or null. */
        static Long integerValue(String text) {
            String digits = text;
            int dot = text.indexOf('.');
            if (dot >= 0) {
                for (int i = dot + 1; i < text.length(); i++) {
                    if (text.charAt(i) != '0') {
                        return null;
                    }
                }
                digits = text.substring(0, dot);
            }
            try {
                return Long.valueOf(digits);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @Override
    public String toString() {
        return name + " " + (task == null ? "?" : task.name().toLowerCase(Locale.ROOT));
    }
}
