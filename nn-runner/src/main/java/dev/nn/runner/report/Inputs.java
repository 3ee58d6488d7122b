package dev.nn.runner.report;

import dev.nn.api.Preprocessing;
import dev.nn.api.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a network's inputs are, as {@code nn summary}, report.txt and report.html say it: the
 * features by name (a table's encoded ones, such as {@code city=Paris}), the table's columns they
 * come from, and whether the targets were scaled for training.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * {@return the lines describing the inputs of {@code data} (none when its features have no names)}
     *
     * @param data the data, split and preprocessed as the network is trained on it
     */
    public static List<String> lines(Split data) {
        List<String> lines = new ArrayList<>();
        List<String> features = data.train().featureNames();
        if (!features.isEmpty()) {
            lines.add("Input features (" + features.size() + "): " + list(features));
        }
        Preprocessing p = data.preprocessing();
        if (p.hasTable()) {
            lines.add("From the table's " + p.table().columns().size() + " columns: "
                    + list(p.table().columns().stream()
                            .map(c -> c.name() + " (" + c.type().name().toLowerCase(Locale.ROOT) + ")")
                            .toList()));
        }
        if (p.scalesTargets()) {
            lines.add("Targets scaled for training: "
                    + p.targetSteps().stream().map(t -> t.kind()).toList()
                    + " (predictions in the targets' units)");
        }
        return lines;
    }

    /**
     * {@return at most the first 20 of {@code names}, then how many more there are}
     *
     * @param names feature or column names
     */
    public static String list(List<String> names) {
        int shown = Math.min(20, names.size());
        String list = String.join(", ", names.subList(0, shown));
        return names.size() > shown ? list + ", ... (" + names.size() + " in all)" : list;
    }
}
