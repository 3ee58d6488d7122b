package dev.nn.runner.cli;

import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.runner.pipeline.Pipeline;
import java.io.PrintWriter;
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
        name = "summary",
        mixinStandardHelpOptions = true,
        description = "Print the network of a config: layers, output sizes and parameter counts, and the names of"
                + " its input features when the data names them (a table's encoded features: city=Paris).")
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG")
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
        Network net = session.located(session.pipeline::network);
        PrintWriter out = spec.commandLine().getOut();
        out.print(net.summary());
        Split data = session.pipeline.data();
        List<String> features = data.train().featureNames();
        if (!features.isEmpty()) {
            out.println("Input features (" + features.size() + "): " + Pipeline.featureList(features));
        }
        if (data.preprocessing().hasTable()) {
            out.println("From the table's "
                    + data.preprocessing().table().columns().size() + " columns: "
                    + Pipeline.featureList(data.preprocessing().table().columns().stream()
                            .map(c -> c.name() + " (" + c.type().name().toLowerCase(java.util.Locale.ROOT) + ")")
                            .toList()));
        }
        if (data.preprocessing().scalesTargets()) {
            out.println("Targets scaled for training: "
                    + data.preprocessing().targetSteps().stream()
                            .map(t -> t.kind())
                            .toList() + " (predictions in the targets' units)");
        }
        return NnCommand.OK;
    }
}
