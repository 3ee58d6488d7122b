package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.nn.runner.report.ReportWriter;
import dev.nn.runner.report.RunFiles;
import dev.nn.runner.report.RunResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin folder can contribute a Guice module, found by ServiceLoader, that adds its own report writer. */
class PluginModuleTest {

    /** What a plugin jar would ship: a module adding a report writer. */
    public static final class ExtraReportModule extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ReportWriter.class)
                    .addBinding()
                    .toInstance(result -> RunFiles.writeString(
                            result.runDir().resolve("extra.txt"),
                            "epochs " + result.history().epochs().size()));
        }
    }

    /** A plugin's own plot: a picture of the last epoch's loss that nn report may redraw. */
    public static final class LossBarModule extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ReportWriter.class).addBinding().to(LossBar.class);
        }
    }

    static final class LossBar implements ReportWriter {
        @Override
        public void write(RunResult result) throws IOException {
            BufferedImage image = new BufferedImage(200, 40, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = image.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 200, 40);
            g.setColor(Color.RED);
            g.fillRect(0, 10, (int) Math.min(200, 100 * result.history().last().loss()), 20);
            g.dispose();
            RunFiles.writePng(result.runDir().resolve("loss-bar.png"), image);
        }

        @Override
        public boolean regenerable() {
            return true;
        }
    }

    @Test
    void aGuiceModuleFromAPluginFolderAddsAReportWriter(@TempDir Path tmp) throws Exception {
        Path plugin = tmp.resolve("plugins/extra");
        Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(
                plugin.resolve("META-INF/services/com.google.inject.Module"), ExtraReportModule.class.getName() + "\n");
        Path config = tmp.resolve("with-plugin.yaml");
        Files.writeString(config, """
                data: {dataset: digits}
                model:
                  layers: [{dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train: {epochs: 2}
                plugins: [plugins/extra]
                """);
        Cli cli =
                Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run/extra.txt"))).isEqualTo("epochs 2");

        // Without the plugin folder, no such file.
        Files.writeString(config, Files.readString(config).replace("plugins: [plugins/extra]\n", ""));
        Cli plain = Cli.run(
                "train", config.toString(), "--out", tmp.resolve("plain").toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(tmp.resolve("plain/extra.txt")).doesNotExist();
    }

    @Test
    void aPluginsPlotShowsInReportHtmlAndNnReportRedrawsOnlyRegenerableWriters(@TempDir Path tmp) throws Exception {
        Path plugin = tmp.resolve("plugins/plots");
        Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(
                plugin.resolve("META-INF/services/com.google.inject.Module"),
                ExtraReportModule.class.getName() + "\n" + LossBarModule.class.getName() + "\n");
        Path config = tmp.resolve("with-plot.yaml");
        Files.writeString(config, """
                data: {dataset: digits}
                model:
                  layers: [{dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train: {epochs: 2}
                report: {plots: [loss]}
                plugins: [plugins/plots]
                """);
        Path run = tmp.resolve("run");
        Cli cli = Cli.run("train", config.toString(), "--out", run.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();

        Document page = Jsoup.parse(run.resolve("report.html").toFile(), "UTF-8");
        assertThat(page.select("img").eachAttr("src")).containsExactly("./loss.png", "./loss-bar.png");
        Pngs.read(run.resolve("loss-bar.png"));

        Files.delete(run.resolve("loss-bar.png"));
        Files.delete(run.resolve("extra.txt"));
        Cli report = Cli.run("report", run.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Pngs.count(Pngs.read(run.resolve("loss-bar.png")), Color.RED.getRGB()))
                .isPositive();
        assertThat(run.resolve("extra.txt"))
                .as("a writer of the run's record is not rerun")
                .doesNotExist();
    }
}
