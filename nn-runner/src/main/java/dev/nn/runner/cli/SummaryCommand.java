package dev.nn.runner.cli;

import dev.nn.core.Network;
import dev.nn.runner.report.Inputs;
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
        Inputs.lines(session.pipeline.data()).forEach(out::println);
        return NnCommand.OK;
    }
}
