package dev.nn.plugins.data;

import dev.nn.api.ColumnType;
import dev.nn.api.Missing;
import dev.nn.api.Unseen;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@code csv} options ask of a file, checked: how to split it, which columns are the
 * target, which are left out, what a missing cell looks like and what the config says of each column.
 *
 * @param delimiter     what separates the values of a row
 * @param header        whether the first row is a header
 * @param label         the target as today's {@code label} option gives it (last, first, an index or a
 *                      name), or null when {@code target} names the target columns
 * @param targets       the target columns by name, or null when {@code label} gives the target
 * @param task          the task the config sets, or null to infer it from the target
 * @param drop          the columns to leave out, by name
 * @param missingValues the cells that mean missing, besides an empty one
 * @param columns       what the config declares of each column, by name, in the order given
 */
record CsvSettings(
        String delimiter,
        CsvTable.Header header,
        CsvTable.LabelColumn label,
        List<String> targets,
        Task task,
        List<String> drop,
        Set<String> missingValues,
        Map<String, Declared> columns) {

    /** What a dataset predicts. */
    enum Task {
        CLASSIFICATION,
        REGRESSION;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The declaration of one column under {@code columns:}; each part null when not given.
     *
     * @param type    number, category or boolean, or null to infer it
     * @param missing how a missing cell is filled, or null for the type's default
     * @param fill    the value of {@code missing: constant}
     * @param unseen  what a category value the training file lacks becomes
     */
    record Declared(ColumnType type, Missing missing, String fill, Unseen unseen) {}

    /** {@return true when an option names columns, so that the file must have a header to name them} */
    boolean namesColumns() {
        return targets != null || !drop.isEmpty() || !columns.isEmpty() || (label != null && label.isName());
    }

    /** {@return the longest missing-value spelling: a longer cell is not looked up} */
    int longestMissing() {
        return missingValues.stream().mapToInt(String::length).max().orElse(0);
    }
}
