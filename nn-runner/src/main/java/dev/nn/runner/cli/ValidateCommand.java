package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.api.Split;
import dev.nn.core.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description =
                "Check configs: parse, resolve every name and option, load the data and build the network; no training.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "1..*", description = "One or more pipeline YAML files.")
    List<Path> configs;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, typed like YAML.")
    List<String> overrides = new ArrayList<>();

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int worst = NnCommand.OK;
        for (Path config : configs) {
            try {
                PipelineSession session = PipelineSession.open(config, overrides, plugins.absolute());
                Network net = session.located(session.pipeline::network);
                List<String> plots = session.located(session.pipeline::plots);
                Split data = session.pipeline.data();
                out.printf(
                        Locale.ROOT,
                        "%s: OK: %d inputs -> %d outputs, %,d parameters; %d training, %d validation, %d test"
                                + " examples; plots: %s%n",
                        config,
                        net.inputSize(),
                        net.outputSize(),
                        net.parameterCount(),
                        data.train().size(),
                        data.validation() == null ? 0 : data.validation().size(),
                        data.test() == null ? 0 : data.test().size(),
                        plots.isEmpty() ? "none" : String.join(", ", plots));
            } catch (NnCommand.LocatedException | ConfigException | java.io.UncheckedIOException e) {
                worst = Math.max(worst, NnCommand.report(e, false, err));
            }
        }
        return worst;
    }
}
