package dev.nn.runner.report;

import dev.nn.api.Dataset;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.EpochStats;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.config.ReportConfig;
import dev.nn.runner.report.Charts.Curve;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The plots {@code report.plots} asks for, as {@code <plot>.png} in the run folder: {@code loss},
 * {@code accuracy}, {@code confusion}, {@code boundary} and {@code weights}, and for regression
 * {@code r2}, {@code predicted} and {@code residuals}. Drawn once training is over, from the run's
 * result, so training never waits for a picture.
 */
public final class PlotReports implements ReportWriter {
    /** Each plot's caption in report.html, in the order the format lists them. */
    public static final Map<String, String> CAPTIONS = Map.of(
            "loss", "Loss per epoch (training solid, validation dashed)",
            "accuracy", "Accuracy per epoch (training solid, validation dashed)",
            "confusion", "Confusion matrix on the test set",
            "boundary",
                    "Decision boundary: predicted class over the input plane, examples in their true class's colour",
            "weights", "First-layer weights of the first units, as images",
            "r2", "Validation R\u00b2 per epoch (averaged over the outputs)",
            "predicted", "Predicted against actual values on the test set, per output (dashed: predicted = actual)",
            "residuals", "Residuals (predicted \u2212 actual) on the test set, per output");

    @Override
    public void prepare(PipelineConfig config) {
        if (!config.report().plots().isEmpty()) {
            Charts.warmUp();
        }
    }

    @Override
    public void write(RunResult r) throws IOException {
        for (String plot : resolve(r.config().report(), r.split(), r.network())) {
            RunFiles.writePng(r.runDir().resolve(plot + ".png"), draw(plot, r));
        }
    }

    @Override
    public boolean regenerable() {
        return true;
    }

    /** The caption of {@code plot} in report.html; the learning curves mention validation only when there was some. */
    static String caption(String plot, RunResult r) {
        String caption = CAPTIONS.getOrDefault(plot, plot);
        boolean validated = r.history().epochs().stream().anyMatch(e -> !Double.isNaN(e.validationLoss()));
        return validated ? caption : caption.replace(" (training solid, validation dashed)", " on the training data");
    }

    /**
     * {@return the plots {@code report} asks for that this data and network can have; see {@link ReportConfig#plotsFor}}
     *
     * @param report  the report section
     * @param split   the data
     * @param network the network
     */
    public static List<String> resolve(ReportConfig report, Split split, Network network) {
        boolean hasTest = split.test() != null && split.test().size() > 0;
        boolean hasValidation = split.validation() != null && split.validation().size() > 0;
        return report.plotsFor(
                split.inputSize(),
                split.train().isClassification(),
                hasTest,
                hasValidation,
                Charts.inputWeights(network) != null);
    }

    private static BufferedImage draw(String plot, RunResult r) {
        List<EpochStats> epochs = r.history().epochs();
        return switch (plot) {
            case "loss" ->
                Charts.curves(
                        "Loss",
                        "loss (" + r.network().lossSpec().name() + ")",
                        List.of(
                                curve("training", epochs, EpochStats::loss, 0, false),
                                curve("validation", epochs, EpochStats::validationLoss, 1, true)),
                        true,
                        r.history().bestEpoch());
            case "accuracy" ->
                Charts.curves(
                        "Accuracy",
                        "accuracy",
                        List.of(
                                curve("training", epochs, EpochStats::accuracy, 0, false),
                                curve("validation", epochs, EpochStats::validationAccuracy, 1, true)),
                        false,
                        r.history().bestEpoch());
            case "confusion" -> Charts.confusion(r.test());
            case "boundary" ->
                Charts.boundary(
                        r.network(), parts(r.split()), r.split().train().classNames(), preprocessing(r.split()));
            case "r2" ->
                Charts.curves(
                        "Validation R\u00b2",
                        "R\u00b2 (1 is perfect, 0 the mean's)",
                        List.of(curve("validation", epochs, EpochStats::validationR2, 1, true)),
                        false,
                        r.history().bestEpoch());
            case "predicted" -> Charts.predicted(r.regression());
            case "residuals" -> Charts.residuals(r.regression());
            case "weights" ->
                Charts.weights(
                        Charts.inputWeights(r.network()),
                        ReportConfig.imageSide(r.network().inputSize()));
            default -> throw new IllegalArgumentException("unknown plot '" + plot + "'");
        };
    }

    /**
     * {@return the epoch figures as one curve of the learning-curve chart}
     *
     * @param name   the legend's label
     * @param epochs the run's epochs
     * @param figure the figure of an epoch to draw
     * @param color  the line's colour
     * @param dashed whether the line is dashed
     */
    public static Curve curve(
            String name, List<EpochStats> epochs, ToDoubleFunction<EpochStats> figure, int color, boolean dashed) {
        double[] x = epochs.stream().mapToDouble(EpochStats::epoch).toArray();
        double[] y = epochs.stream().mapToDouble(figure).toArray();
        return new Curve(name, x, y, Charts.color(color), dashed);
    }

    /** How the inputs were preprocessed, for the boundary's axis titles: {@code " (after standardize)"}. */
    private static String preprocessing(Split split) {
        if (split.preprocessing().isEmpty()) {
            return "";
        }
        return split.preprocessing().steps().stream()
                .map(FeatureTransform::kind)
                .collect(Collectors.joining(", ", " (after ", ")"));
    }

    /** Every example of the run, training, validation and test (the latter two may be null). */
    private static List<Dataset> parts(Split split) {
        return Arrays.asList(split.train(), split.validation(), split.test());
    }
}
