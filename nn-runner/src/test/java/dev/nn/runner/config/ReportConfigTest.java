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
        assertThat(auto.plotsFor(2, true, true, true)).containsExactly("loss", "accuracy", "confusion", "boundary");
        assertThat(auto.plotsFor(64, true, true, true)).containsExactly("loss", "accuracy", "confusion");
        assertThat(auto.plotsFor(64, true, false, true)).as("no test data").containsExactly("loss", "accuracy");
        assertThat(auto.plotsFor(2, false, true, true)).as("regression").containsExactly("loss");
    }

    @Test
    void plotsKeepTheWrittenOrderWithoutRepeats() {
        ReportConfig plots = new ReportConfig(List.of("weights", "auto", "loss", "weights"));
        assertThat(plots.plotsFor(784, true, true, true)).containsExactly("weights", "loss", "accuracy", "confusion");
        assertThat(new ReportConfig(List.of()).plotsFor(2, true, true, true)).isEmpty();
    }

    @Test
    void everyPlotTheDataCannotHaveIsReportedAtItsIndex() {
        ReportConfig plots = new ReportConfig(List.of("loss", "accuracy", "boundary", "confusion", "weights"));
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> plots.plotsFor(3, false, false, true));
        assertThat(e.problems())
                .extracting(ConfigException.Problem::where)
                .containsExactly("report.plots[1]", "report.plots[2]", "report.plots[3]", "report.plots[4]");
        assertThat(e.problems().get(1).message()).startsWith("boundary needs 2-D inputs, but the data has 3 features");

        ConfigException notDense = catchThrowableOfType(
                ConfigException.class, () -> new ReportConfig(List.of("weights")).plotsFor(64, true, true, false));
        assertThat(notDense.problems())
                .singleElement()
                .extracting(ConfigException.Problem::message)
                .asString()
                .contains("does not take the inputs directly");
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
