package dev.nn.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.nn.api.ComponentKind;
import dev.nn.api.LayerProvider;
import dev.nn.api.Matrix;
import dev.nn.api.PreprocessorProvider;
import dev.nn.api.Spi;
import dev.nn.core.Network;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.runner.PluginJarBuilder;
import dev.nn.runner.report.ReportWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugin jars through the real command line: jars compiled and packed in the test, found by the
 * real ServiceLoader in a class loader of their own, used by name in YAML and with --plugins; and
 * every way a jar can fail to load, each one line naming the jar and the class, exit status 2.
 */
class PluginJarsTest {
    private static final String PROVIDER = "com.example.ScalerProvider";

    @TempDir
    Path tmp;

    /** A plugin jar holding one scaler provider named {@code name}. */
    private static PluginJarBuilder scalerJar(String className, String name) {
        return new PluginJarBuilder()
                .source(className, PluginJarBuilder.scaler(className, name, "", ""))
                .service(LayerProvider.class, className)
                .manifest(Spi.MANIFEST_ATTRIBUTE, Spi.VERSION);
    }

    private Path config(String name, String plugins, String firstLayer) throws IOException {
        return Files.writeString(tmp.resolve(name), """
                data: {dataset: digits, test: 0.2}
                model:
                  layers: [%s, {dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train: {epochs: 1}
                report: {plots: []}
                %s
                """.formatted(firstLayer, plugins));
    }

    /** One line on standard error, starting "nn: ", and exit status 2: what a person reads when a plugin is bad. */
    private static String oneLineError(Cli cli) {
        assertThat(cli.exitCode()).as(cli.err()).isEqualTo(2);
        assertThat(cli.err().lines().toList()).as(cli.err()).hasSize(1);
        assertThat(cli.err()).startsWith("nn: ").doesNotContain("\tat ").doesNotContain("Exception in");
        return cli.err().strip();
    }

    @Test
    void aJarInAPluginFolderIsUsedByNameInYamlAndListedWithItsJar() throws IOException {
        Path jar = scalerJar(PROVIDER, "scaler")
                .build(tmp.resolve("plugins/scaler.jar"))
                .toRealPath();
        Path config = config("with-plugin.yaml", "plugins: [plugins/]", "{scaler: {factor: 0.5}}");

        Cli summary = Cli.run("summary", config.toString());
        assertThat(summary.exitCode()).as(summary.err()).isZero();
        assertThat(summary.out()).contains("scaler(factor=0.5)");
        Cli train =
                Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run/config.yaml"))).contains("scaler");

        Cli plugins = Cli.run(
                "plugins",
                "--kind",
                "layer",
                "--plugins",
                tmp.resolve("plugins").toString());
        assertThat(plugins.exitCode()).as(plugins.err()).isZero();
        assertThat(plugins.out())
                .contains("  scaler - multiplies every value by a factor  [" + jar + "]\n"
                        + "      factor (number, default 2.0): the multiplier\n")
                .contains("  dense - fully connected layer: y = x W + b  [built-in]");

        Path without = config("without-plugin.yaml", "", "{scaler: {factor: 0.5}}");
        Cli unknown = Cli.run("validate", without.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown layer 'scaler'");
    }

    /** A preprocessing step from a plugin jar: {@code center} subtracts the training part's mean, scale unchanged. */
    private static final String CENTER = """
            package com.example;

            import dev.nn.api.FeatureTransform;
            import dev.nn.api.Options;
            import dev.nn.api.Preprocessor;
            import dev.nn.api.PreprocessorProvider;
            import java.util.Arrays;

            public class CenterProvider implements PreprocessorProvider {
                public String name() { return "center"; }
                public String description() { return "subtracts each feature's training mean"; }
                public Preprocessor create(Options options) {
                    return x -> {
                        float[] mean = new float[x.cols()];
                        for (int r = 0; r < x.rows(); r++) {
                            for (int c = 0; c < x.cols(); c++) {
                                mean[c] += x.get(r, c) / x.rows();
                            }
                        }
                        float[] one = new float[x.cols()];
                        Arrays.fill(one, 1f);
                        return new FeatureTransform("center", mean, one);
                    };
                }
            }
            """;

    @Test
    void aPluginJarAddsAPreprocessingStepThatYamlUsesAndTheModelFileKeeps() throws IOException {
        Path jar = new PluginJarBuilder()
                .source("com.example.CenterProvider", CENTER)
                .service(PreprocessorProvider.class, "com.example.CenterProvider")
                .manifest(Spi.MANIFEST_ATTRIBUTE, Spi.VERSION)
                .build(tmp.resolve("plugins/center.jar"))
                .toRealPath();
        Path config = Files.writeString(tmp.resolve("centered.yaml"), """
                data: {dataset: digits, test: 0.2, preprocess: [center, {scale: {factor: 0.0625}}]}
                model:
                  layers: [{dense: {units: 10}}]
                  loss: softmax_cross_entropy
                train: {epochs: 2}
                report: {plots: []}
                plugins: [plugins/]
                """);

        Cli plugins = Cli.run(
                "plugins",
                "--kind",
                "preprocessor",
                "--plugins",
                tmp.resolve("plugins").toString());
        assertThat(plugins.exitCode()).as(plugins.err()).isZero();
        assertThat(plugins.out())
                .contains("  center - subtracts each feature's training mean  [" + jar + "]")
                .contains(
                        "  standardize - zero mean and unit variance per feature, fitted on the training part  [built-in]");
        Path run = tmp.resolve("run");
        Cli train = Cli.run("train", config.toString(), "--out", run.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("center");

        // The fitted step is data in the model file: it loads and predicts without the plugin jar.
        Cli info = Cli.run("info", run.resolve("model.zip").toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("center");
        Path input = Files.writeString(tmp.resolve("rows.csv"), "0,".repeat(63) + "16\n");
        Cli predict = Cli.run("predict", run.resolve("model.zip").toString(), input.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();

        Path without = Files.writeString(
                tmp.resolve("without.yaml"), Files.readString(config).replace("plugins: [plugins/]", ""));
        Cli unknown = Cli.run("validate", without.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("data.preprocess[0]").contains("unknown preprocessor 'center'");
    }

    @Test
    void pluginsOnTheCommandLineServeEveryVerbThatResolvesNames() throws IOException {
        Path folder = tmp.resolve("cli-plugins");
        scalerJar(PROVIDER, "scaler").build(folder.resolve("scaler.jar"));
        Path config = config("scaled.yaml", "", "scaler");
        String plugins = folder.toString();

        Cli validate = Cli.run("validate", config.toString(), "--plugins", plugins);
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        assertThat(Cli.run("summary", config.toString(), "--plugins", plugins).out())
                .contains("scaler");
        Path run = tmp.resolve("run");
        Cli train = Cli.run("train", config.toString(), "--out", run.toString(), "--plugins", plugins);
        assertThat(train.exitCode()).as(train.err()).isZero();
        String model = run.resolve("model.zip").toString();

        Cli evaluate = Cli.run("evaluate", model, config.toString(), "--plugins", plugins);
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.out()).contains("accuracy");
        Path input = Files.writeString(tmp.resolve("input.csv"), "0,".repeat(63) + "0\n" + "1,".repeat(63) + "1\n");
        Cli predict = Cli.run("predict", model, input.toString(), "--plugins", plugins);
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out().lines()).hasSize(3);
        Cli report = Cli.run("report", run.toString(), "--plugins", plugins);
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(Cli.run("schema", "--plugins", plugins).out()).contains("\"scaler\"");
        Cli info = Cli.run("info", model, "--plugins", plugins);
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("scaler");

        // Without --plugins, each of them says the name is unknown.
        assertThat(Cli.run("evaluate", model, config.toString()).err()).contains("unknown layer 'scaler'");
        assertThat(Cli.run("predict", model, input.toString()).exitCode()).isEqualTo(2);
        assertThat(Cli.run("info", model).err()).contains("unknown layer 'scaler'");
        assertThat(Cli.run("schema").out()).doesNotContain("\"scaler\"");
    }

    @Test
    void theBuilderResolvesAPluginsNameThroughARegistryWithItsJar() throws IOException {
        Path jar = scalerJar(PROVIDER, "scaler").build(tmp.resolve("plugins/scaler.jar"));
        PluginRegistry registry = PluginRegistry.defaultRegistry().withPlugins(List.of(jar));
        Network net = Network.builder(2)
                .registry(registry)
                .add("scaler", Map.of("factor", 3))
                .loss("mse")
                .build();
        assertThat(net.predict(Matrix.of(new float[] {1f, -2f}))).isEqualTo(Matrix.of(new float[] {3f, -6f}));
        assertThat(registry.source(registry.providers(ComponentKind.LAYER).get("scaler"))
                        .location())
                .isEqualTo(jar.toRealPath());
        assertThat(registry.providers(ComponentKind.LAYER)
                        .get("scaler")
                        .getClass()
                        .getClassLoader()
                        .getName())
                .isEqualTo("nn-plugin " + jar.toRealPath());
    }

    @Test
    void theSameJarNamedInTheConfigAndOnTheCommandLineIsLoadedOnce() throws IOException {
        scalerJar(PROVIDER, "scaler").build(tmp.resolve("plugins/scaler.jar"));
        Path config = config("twice.yaml", "plugins: [plugins/scaler.jar]", "scaler");
        Cli cli = Cli.run(
                "validate",
                config.toString(),
                "--plugins",
                tmp.resolve("plugins").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
    }

    @Test
    void aNameTakenByABuiltInProviderIsAnErrorNamingTheClassPathAndTheJar() throws IOException {
        Path jar = scalerJar("com.example.MyRelu", "relu")
                .build(tmp.resolve("relu.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", jar.toString())))
                .isEqualTo("nn: plugins: two layer providers"
                        + " are named 'relu': dev.nn.plugins.layers.Relu$Provider (classpath) and com.example.MyRelu ("
                        + jar
                        + "); remove one of the jars or rename one provider");
    }

    @Test
    void oneNameInTwoJarsIsAnErrorNamingBothJars() throws IOException {
        Path first = scalerJar("com.example.First", "scaler")
                .build(tmp.resolve("plugins/a.jar"))
                .toRealPath();
        Path second = scalerJar("com.example.Second", "scaler")
                .build(tmp.resolve("plugins/b.jar"))
                .toRealPath();
        Path config = config("clash.yaml", "plugins: [plugins]", "scaler");
        assertThat(oneLineError(Cli.run(
                        "train", config.toString(), "--out", tmp.resolve("run").toString())))
                .isEqualTo("nn: plugins: two layer providers are named 'scaler': com.example.First (" + first
                        + ") and com.example.Second (" + second + "); remove one of the jars or rename one provider");
        assertThat(tmp.resolve("run")).as("nothing is written").doesNotExist();
    }

    @Test
    void aProviderCompiledForANewerJavaIsAnErrorNamingItsJarAndClass() throws IOException {
        int running = Runtime.version().feature();
        Path jar = scalerJar(PROVIDER, "scaler")
                .markedForJava(PROVIDER, running + 5)
                .build(tmp.resolve("future.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", jar.toString())))
                .isEqualTo("nn: " + jar + ": cannot load "
                        + PROVIDER + " (listed as a LayerProvider): it was compiled for Java " + (running + 5)
                        + " but nn runs on Java "
                        + running + "; compile the plugin with --release 17 (or run nn on a newer Java)");
    }

    @Test
    void aLibraryMissingFromTheJarIsAnErrorNamingTheJarTheProviderAndTheMissingClass() throws IOException {
        Path jar = new PluginJarBuilder()
                .source("org.lib.Base", "package org.lib; public class Base { }")
                .source(PROVIDER, PluginJarBuilder.scaler(PROVIDER, "scaler", "extends org.lib.Base", ""))
                .service(LayerProvider.class, PROVIDER)
                .leaveOut("org.lib.Base")
                .build(tmp.resolve("no-lib.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", jar.toString())))
                .isEqualTo("nn: " + jar + ": cannot load "
                        + PROVIDER
                        + " (listed as a LayerProvider): class org.lib.Base is missing: shade the plugin's libraries into"
                        + " its jar or list them in its manifest Class-Path");
    }

    @Test
    void aConstructorThatThrowsIsAnErrorNamingTheJarAndTheProvider() throws IOException {
        Path jar = new PluginJarBuilder()
                .source(
                        PROVIDER,
                        PluginJarBuilder.scaler(
                                PROVIDER, "scaler", "", "throw new IllegalStateException(\"no licence file\");"))
                .service(LayerProvider.class, PROVIDER)
                .build(tmp.resolve("throws.jar"))
                .toRealPath();
        Path config = config("throws.yaml", "plugins: [throws.jar]", "scaler");
        assertThat(oneLineError(Cli.run("validate", config.toString())))
                .isEqualTo("nn: " + jar + ": cannot load " + PROVIDER
                        + " (listed as a LayerProvider): its constructor threw IllegalStateException: no licence file");
    }

    @Test
    void aListedClassThatIsNotThereOrIsNoProviderIsNamed() throws IOException {
        Path jar = scalerJar(PROVIDER, "scaler")
                .service(LayerProvider.class, "com.example.Gone")
                .source("com.example.NotAProvider", "package com.example; public class NotAProvider { }")
                .service(LayerProvider.class, "com.example.NotAProvider")
                .build(tmp.resolve("listed.jar"))
                .toRealPath();
        Cli cli = Cli.run("plugins", "--plugins", jar.toString());
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().lines().toList())
                .containsExactly(
                        "nn: " + jar
                                + ": cannot load com.example.Gone (listed as a LayerProvider): the class is listed in"
                                + " META-INF/services/dev.nn.api.LayerProvider but is not in the plugin",
                        "nn: " + jar
                                + ": cannot load com.example.NotAProvider (listed as a LayerProvider): it does not implement"
                                + " dev.nn.api.LayerProvider");
    }

    @Test
    void aLibraryMissingOnlyWhenTheLayerRunsIsAnErrorNamingTheJarAndTheClass() throws IOException {
        // The provider loads; its layer needs the library only in forward, during training.
        Path jar = new PluginJarBuilder()
                .source(
                        "org.lib.Helper",
                        "package org.lib; public class Helper { public static float twice(float v) { return 2 * v; } }")
                .source(
                        PROVIDER,
                        PluginJarBuilder.scaler(PROVIDER, "scaler", "", "")
                                .replace("x.data()[i] * factor", "org.lib.Helper.twice(x.data()[i])"))
                .service(LayerProvider.class, PROVIDER)
                .leaveOut("org.lib.Helper")
                .build(tmp.resolve("lazy.jar"))
                .toRealPath();
        Path config = config("lazy.yaml", "plugins: [lazy.jar]", "scaler");
        assertThat(Cli.run("validate", config.toString()).exitCode()).isZero();
        assertThat(oneLineError(Cli.run(
                        "train", config.toString(), "--out", tmp.resolve("run").toString())))
                .isEqualTo(
                        "nn: " + jar + ": " + PROVIDER + "$1.forward failed: class org.lib.Helper is missing: shade the"
                                + " plugin's libraries into its jar or list them in its manifest Class-Path");
    }

    @Test
    void aPluginBuiltForAnotherSpiVersionIsRejectedBeforeAnyOfItsClassesLoads() throws IOException {
        // Its class could not load on this Java either: the version check comes first and says what matters.
        Path jar = scalerJar(PROVIDER, "scaler")
                .manifest(Spi.MANIFEST_ATTRIBUTE, "1.9")
                .markedForJava(PROVIDER, Runtime.version().feature() + 5)
                .build(tmp.resolve("newer.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", jar.toString())))
                .isEqualTo("nn: " + jar
                        + ": it was built for nn SPI 1.9, newer than this nn's SPI " + Spi.VERSION
                        + "; run it on a newer nn, or build the plugin against this nn's nn-api");
        Path old = scalerJar(PROVIDER, "scaler")
                .manifest(Spi.MANIFEST_ATTRIBUTE, "0.3")
                .build(tmp.resolve("old.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", old.toString())))
                .contains(old + ": it was built for nn SPI 0.3, which this nn (SPI " + Spi.VERSION
                        + ") no longer supports");
    }

    @Test
    void aPluginSeesOnlyTheApiNotNnCore() throws IOException {
        // Compiles against nn-core, as a plugin author might by accident; at run time nn-core is not there for it.
        Path jar = new PluginJarBuilder()
                .compiledAgainst(Network.class)
                .source(PROVIDER, PluginJarBuilder.scaler(PROVIDER, "scaler", "", "dev.nn.core.Network.builder(2);"))
                .service(LayerProvider.class, PROVIDER)
                .build(tmp.resolve("core.jar"))
                .toRealPath();
        assertThat(oneLineError(Cli.run("plugins", "--plugins", jar.toString())))
                .isEqualTo("nn: " + jar + ": cannot load "
                        + PROVIDER
                        + " (listed as a LayerProvider): it uses dev.nn.core.Network, which is internal to nn: a plugin sees"
                        + " only dev.nn.api (and the JDK)");
    }

    @Test
    void aPluginsOwnCopyOfALibraryThatNnAlsoUsesIsTheOneItSees() throws IOException {
        // nn itself uses SnakeYAML; the plugin brings a "SnakeYAML" of its own, in lib/, named by its Class-Path.
        Path lib = new PluginJarBuilder()
                .source(
                        "org.yaml.snakeyaml.Yaml",
                        "package org.yaml.snakeyaml; public class Yaml {"
                                + " public static String whose() { return \"the plugin's own\"; } }")
                .build(tmp.resolve("plugins/lib/yaml.jar"));
        String provider = PluginJarBuilder.scaler(PROVIDER, "scaler", "", "")
                .replace(
                        "\"multiplies every value by a factor\"",
                        "\"sees \" + org.yaml.snakeyaml.Yaml.whose() + \" Yaml\"");
        new PluginJarBuilder()
                .compiledAgainst(lib)
                .source(PROVIDER, provider)
                .service(LayerProvider.class, PROVIDER)
                .manifest("Class-Path", "lib/yaml.jar")
                .build(tmp.resolve("plugins/scaler.jar"));
        Cli cli = Cli.run(
                "plugins",
                "--kind",
                "layer",
                "--plugins",
                tmp.resolve("plugins").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("  scaler - sees the plugin's own Yaml  [");
    }

    @Test
    void aJarThatProvidesNothingIsAnErrorSayingWhereLibrariesGo() throws IOException {
        scalerJar(PROVIDER, "scaler").build(tmp.resolve("plugins/scaler.jar"));
        Path lib = new PluginJarBuilder()
                .source("org.lib.Helper", "package org.lib; public class Helper { }")
                .build(tmp.resolve("plugins/helper.jar"))
                .toRealPath();
        assertThat(oneLineError(
                        Cli.run("plugins", "--plugins", tmp.resolve("plugins").toString())))
                .isEqualTo(
                        "nn: " + lib
                                + ": provides nothing to nn: it lists no provider in META-INF/services/dev.nn.api.*; a library that a plugin"
                                + " needs belongs in the plugin's jar (shaded) or in a subfolder named by the plugin's manifest Class-Path");
    }

    @Test
    void aPathThatIsMissingOrNotAJarIsAnError() throws IOException {
        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip");
        assertThat(oneLineError(Cli.run("plugins", "--plugins", text.toString())))
                .startsWith("nn: " + text.toRealPath() + ": cannot be read as a jar (");
        assertThat(oneLineError(
                        Cli.run("plugins", "--plugins", tmp.resolve("gone").toString())))
                .isEqualTo("nn: " + tmp.resolve("gone") + ": plugin path not found");
    }

    @Test
    void aJarWithAGuiceModuleExtendsTheRunnerAndSeesItsClasses() throws IOException {
        Path jar = new PluginJarBuilder()
                .compiledAgainst(AbstractModule.class)
                .compiledAgainst(ReportWriter.class)
                .compiledAgainst(Network.class)
                .compiledAgainst(jakarta.inject.Inject.class)
                .source("com.example.NotesModule", """
                        package com.example;

                        import com.google.inject.AbstractModule;
                        import com.google.inject.multibindings.Multibinder;
                        import dev.nn.runner.report.ReportWriter;
                        import dev.nn.runner.report.RunFiles;

                        public final class NotesModule extends AbstractModule {
                            @Override
                            protected void configure() {
                                Multibinder.newSetBinder(binder(), ReportWriter.class).addBinding().toInstance(result ->
                                        RunFiles.writeString(result.runDir().resolve("notes.txt"), "written by a plugin jar"));
                            }
                        }
                        """)
                .service("com.google.inject.Module", "com.example.NotesModule")
                .build(tmp.resolve("plugins/notes.jar"));
        Path config = config("notes.yaml", "plugins: [plugins]", "relu");
        Cli cli =
                Cli.run("train", config.toString(), "--out", tmp.resolve("run").toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readString(tmp.resolve("run/notes.txt"))).isEqualTo("written by a plugin jar");
        assertThat(jar).exists();
    }

    @Test
    void everyVerbThatResolvesNamesTakesPlugins() {
        for (String verb : List.of(
                "train",
                "validate",
                "summary",
                "evaluate",
                "predict",
                "export",
                "report",
                "plugins",
                "schema",
                "info")) {
            assertThat(Cli.run(verb, "--help").out()).as(verb).contains("--plugins=PATH");
        }
    }
}
