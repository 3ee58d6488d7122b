package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.api.Dataset;
import dev.nn.api.Split;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.core.eval.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = "Test-set metrics of a saved model on the data of a config (split with the config's seed).")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.zip from a run folder.")
    Path model;

    @Parameters(index = "1", paramLabel = "CONFIG", description = "The pipeline whose test data to use.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, typed like YAML.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineSession session = PipelineSession.open(config, overrides, plugins.absolute());
        SavedModel saved;
        try {
            saved = ModelFile.load(model, session.registry, session.threads());
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot read the model: " + e.getMessage(), e);
        }
        Split raw = session.located(session.pipeline::rawData);
        Dataset test = raw.test();
        if (test == null) {
            throw new ConfigException(config.toString(), "the config holds out no test data (data.test is 0)");
        }
        Dataset preprocessed = saved.preprocess(test);
        PrintWriter out = spec.commandLine().getOut();
        if (!preprocessed.isClassification()) {
            out.println(saved.network().evaluateRegression(preprocessed).regressionReport());
            return NnCommand.OK;
        }
        Evaluation eval = saved.network().evaluate(preprocessed);
        out.println(eval.classificationReport());
        out.println(eval.confusionMatrixText());
        return NnCommand.OK;
    }
}
