package dev.nn.runner.config;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code report} section of a pipeline: what the run folder shows besides its metrics.
 *
 * <p>Which plots fit depends on the data, which is only known once it is loaded, so the written
 * list is resolved then by {@link #plotsFor}: {@code auto} (the default) becomes the plots that fit,
 * and a plot named explicitly that cannot be drawn for this data is an error at
 * {@code report.plots[i]}, found before training starts rather than silently missing afterwards.
 *
 * @param plots the plots as written: {@code auto}, {@code loss}, {@code accuracy}, {@code confusion},
 *              {@code boundary} (2-D inputs only) and {@code weights} (square image inputs only) for any
 *              data or classes; {@code r2}, {@code predicted} and {@code residuals} for regression targets
 */
public record ReportConfig(List<String> plots) {
    /**
     * Stands for {@code loss}, plus {@code accuracy} and {@code confusion} for classes, plus
     * {@code boundary} for 2-D inputs; or plus {@code r2}, {@code predicted} and {@code residuals}
     * for regression targets (each when there is the data it is drawn from).
     */
    public static final String AUTO = "auto";

    /** The smallest image side the {@code weights} plot draws (4x4 = 16 inputs). */
    static final int MIN_IMAGE_SIDE = 4;

    /**
     * Keeps a read-only copy of the plots.
     *
     * @param plots the plots as written
     */
    public ReportConfig {
        plots = List.copyOf(plots);
    }

    /**
     * The plots to draw for the loaded data, in the written order without repeats, {@code auto}
     * expanded.
     *
     * @param inputSize      features per example
     * @param classification whether the data has class labels (rather than regression targets)
     * @param hasTest        whether some data is held out for testing
     * @param hasValidation  whether some training data is held out for validation
     * @param inputWeights   whether the network's first layer with parameters has a weight per input
     *                       (what the {@code weights} plot draws)
     * @throws ConfigException naming {@code report.plots[i]} for each plot that cannot be drawn
     * @return the plots to draw, {@code auto} expanded
     */
    public List<String> plotsFor(
            int inputSize, boolean classification, boolean hasTest, boolean hasValidation, boolean inputWeights) {
        Set<String> chosen = new LinkedHashSet<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < plots.size(); i++) {
            String plot = plots.get(i);
            if (plot.equals(AUTO)) {
                chosen.add("loss");
                if (classification) {
                    chosen.add("accuracy");
                    if (hasTest) {
                        chosen.add("confusion");
                    }
                    if (inputSize == 2) {
                        chosen.add("boundary");
                    }
                } else {
                    if (hasValidation) {
                        chosen.add("r2");
                    }
                    if (hasTest) {
                        chosen.add("predicted");
                        chosen.add("residuals");
                    }
                }
                continue;
            }
            String unfit = unfit(plot, inputSize, classification, hasTest, hasValidation, inputWeights);
            if (unfit != null) {
                problems.add(new Problem("report.plots[" + i + "]", unfit));
            } else {
                chosen.add(plot);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return List.copyOf(chosen);
    }

    /** Why {@code plot} cannot be drawn for this data, or null when it can. */
    private static String unfit(
            String plot,
            int inputSize,
            boolean classification,
            boolean hasTest,
            boolean hasValidation,
            boolean inputWeights) {
        String regression = "the data has regression targets, not classes; remove '" + plot + "'";
        String classes = "the data has classes, not regression targets; remove '" + plot + "'";
        return switch (plot) {
            case "r2" ->
                classification
                        ? "r2 is the validation R2 of regression targets, but " + classes
                        : !hasValidation
                                ? "r2 is drawn from the validation data, but data.validation is 0; hold some data out"
                                        + " or remove 'r2'"
                                : null;
            case "predicted", "residuals" ->
                classification
                        ? plot + " needs regression targets, but " + classes
                        : !hasTest
                                ? plot
                                        + " is drawn from the test data, but data.test is 0; hold some data out or remove '"
                                        + plot + "'"
                                : null;
            case "accuracy" -> classification ? null : "accuracy needs class labels, but " + regression;
            case "confusion" ->
                !classification
                        ? "confusion needs class labels, but " + regression
                        : !hasTest
                                ? "confusion is drawn from the test data, but data.test is 0; hold some data out or remove"
                                        + " 'confusion'"
                                : null;
            case "boundary" ->
                inputSize != 2
                        ? String.format(
                                Locale.ROOT,
                                "boundary needs 2-D inputs, but the data has %d"
                                        + " features; remove it ('auto' draws it only for 2-D data)",
                                inputSize)
                        : !classification ? "boundary shows the predicted class, but " + regression : null;
            case "weights" ->
                imageSide(inputSize) == 0
                        ? String.format(
                                Locale.ROOT,
                                "weights draws the first layer's"
                                        + " weights as square images, but %d inputs are not a square image (such as 64 = 8x8); remove"
                                        + " 'weights'",
                                inputSize)
                        : !inputWeights
                                ? "weights draws the first layer's weights, but the first layer with parameters"
                                        + " does not take the inputs directly; remove 'weights'"
                                : null;
            default -> null;
        };
    }

    /**
     * {@return the side of the square image {@code inputSize} pixels make (8 for 64), or 0 when they make none}
     *
     * @param inputSize the number of features
     */
    public static int imageSide(int inputSize) {
        int side = (int) Math.round(Math.sqrt(inputSize));
        return side >= MIN_IMAGE_SIDE && side * side == inputSize ? side : 0;
    }
}
