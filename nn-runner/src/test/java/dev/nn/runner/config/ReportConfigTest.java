package dev.nn.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.nn.api.ConfigException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code report.plots} resolved against the data once it is loaded. */
class ReportConfigTest {

    @Test
    void autoIsThePlotsThatFitTheData() {
        ReportConfig auto = new ReportConfig(List.of(ReportConfig.AUTO));
        assertThat(auto.plotsFor(2, true, true, true, true))
                .containsExactly("loss", "accuracy", "confusion", "boundary");
        assertThat(auto.plotsFor(64, true, true, true, true)).containsExactly("loss", "accuracy", "confusion");
        assertThat(auto.plotsFor(64, true, false, true, true))
                .as("no test data")
                .containsExactly("loss", "accuracy");
        assertThat(auto.plotsFor(2, false, true, true, true))
                .as("regression")
                .containsExactly("loss", "r2", "predicted", "residuals");
        assertThat(auto.plotsFor(10, false, false, true, true))
                .as("regression, no test")
                .containsExactly("loss", "r2");
        assertThat(auto.plotsFor(10, false, true, false, true))
                .as("regression, no validation")
                .containsExactly("loss", "predicted", "residuals");
        assertThat(auto.plotsFor(64, true, true, false, true)).containsExactly("loss", "accuracy", "confusion");
    }

    @Test
    void plotsKeepTheWrittenOrderWithoutRepeats() {
        ReportConfig plots = new ReportConfig(List.of("weights", "auto", "loss", "weights"));
        assertThat(plots.plotsFor(784, true, true, true, true))
                .containsExactly("weights", "loss", "accuracy", "confusion");
        assertThat(new ReportConfig(List.of()).plotsFor(2, true, true, true, true))
                .isEmpty();
    }

    @Test
    void everyPlotTheDataCannotHaveIsReportedAtItsIndex() {
        ReportConfig plots = new ReportConfig(List.of("loss", "accuracy", "boundary", "confusion", "weights"));
        ConfigException e =
                catchThrowableOfType(ConfigException.class, () -> plots.plotsFor(3, false, false, true, true));
        assertThat(e.problems())
                .extracting(ConfigException.Problem::where)
                .containsExactly("report.plots[1]", "report.plots[2]", "report.plots[3]", "report.plots[4]");
        assertThat(e.problems().get(1).message()).startsWith("boundary needs 2-D inputs, but the data has 3 features");

        ConfigException notDense = catchThrowableOfType(
                ConfigException.class,
                () -> new ReportConfig(List.of("weights")).plotsFor(64, true, true, true, false));
        assertThat(notDense.problems())
                .singleElement()
                .extracting(ConfigException.Problem::message)
                .asString()
                .contains("does not take the inputs directly");
    }

    @Test
    void regressionPlotsForClassesAndClassPlotsForRegressionAreOneLineEachAtTheirIndex() {
        ConfigException forClasses = catchThrowableOfType(
                ConfigException.class,
                () -> new ReportConfig(List.of("loss", "predicted", "residuals", "r2"))
                        .plotsFor(4, true, true, true, true));
        assertThat(forClasses.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "report.plots[1]: predicted needs regression targets, but the data has classes, not regression"
                                + " targets; remove 'predicted'",
                        "report.plots[2]: residuals needs regression targets, but the data has classes, not regression"
                                + " targets; remove 'residuals'",
                        "report.plots[3]: r2 is the validation R2 of regression targets, but the data has classes,"
                                + " not regression targets; remove 'r2'");
        ConfigException forRegression = catchThrowableOfType(
                ConfigException.class,
                () -> new ReportConfig(List.of("accuracy", "confusion", "predicted", "r2"))
                        .plotsFor(10, false, false, false, true));
        assertThat(forRegression.problems())
                .extracting(Object::toString)
                .containsExactly(
                        "report.plots[0]: accuracy needs class labels, but the data has regression targets, not classes;"
                                + " remove 'accuracy'",
                        "report.plots[1]: confusion needs class labels, but the data has regression targets, not"
                                + " classes; remove 'confusion'",
                        "report.plots[2]: predicted is drawn from the test data, but data.test is 0; hold some data out"
                                + " or remove 'predicted'",
                        "report.plots[3]: r2 is drawn from the validation data, but data.validation is 0; hold some data"
                                + " out or remove 'r2'");
    }

    @Test
    void imagesAreSquaresOfAtLeastFourByFourPixels() {
        assertThat(ReportConfig.imageSide(64)).isEqualTo(8);
        assertThat(ReportConfig.imageSide(784)).isEqualTo(28);
        assertThat(ReportConfig.imageSide(400)).isEqualTo(20);
        assertThat(ReportConfig.imageSide(16)).isEqualTo(4);
        assertThat(ReportConfig.imageSide(9)).isZero();
        assertThat(ReportConfig.imageSide(2)).isZero();
        assertThat(ReportConfig.imageSide(63)).isZero();
    }
}
