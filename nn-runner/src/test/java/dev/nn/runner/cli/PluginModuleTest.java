package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import dev.nn.runner.pipeline.ReportWriter;
import dev.nn.runner.pipeline.RunFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin folder can contribute a Guice module, found by ServiceLoader, that adds its own report writer. */
class PluginModuleTest {

    /** What a plugin jar would ship: a module adding a report writer. */
    public static final class ExtraReportModule extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder.newSetBinder(binder(), ReportWriter.class).addBinding().toInstance(result ->
                    RunFiles.writeString(result.runDir().resolve("extra.txt"), "epochs " + result.history().epochs().size()));
        }
    }

    @Test
    void aGuiceModuleFromAPluginFolderAddsAReportWriter(@TempDir Path tmp) throws Exception {
        Path plugin = tmp.resolve("plugins/extra");
        Files.createDirectories(plugin.resolve("META-INF/services"));
        Files.writeString(plugin.resolve("META-INF/services/com.google.inject.Module"), ExtraReportModule.class.getName() + "\n");
        Path config = tmp.resolve("with-plugin.yaml");
        Files.writeString(config, """
                data: {dataset: digits}
                model:
                  layers: [{dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train: {epochs: 2}
                plugins: [plugins/extra]
                """);
        Cli cli = Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run/extra.txt"))).isEqualTo("epochs 2");

        // Without the plugin folder, no such file.
        Files.writeString(config, Files.readString(config).replace("plugins: [plugins/extra]\n", ""));
        Cli plain = Cli.run("train", config.toString(), "--out", tmp.resolve("plain").toString());
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(tmp.resolve("plain/extra.txt")).doesNotExist();
    }
}
