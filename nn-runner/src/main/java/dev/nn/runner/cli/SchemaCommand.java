package dev.nn.runner.cli;

import dev.nn.runner.config.ReferenceDoc;
import dev.nn.runner.config.SchemaGenerator;
import dev.nn.runner.report.RunFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description =
                "Write the JSON Schema of the pipeline format (every provider and option), for editors' YAML support;"
                        + " with --markdown, the same as a Markdown reference (docs/reference.md).")
final class SchemaCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "Write to this file instead of standard output.")
    Path out;

    @Option(names = "--markdown", description = "Write the reference as Markdown instead of the JSON Schema.")
    boolean markdown;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String schema =
                markdown ? ReferenceDoc.markdown(plugins.registry()) : SchemaGenerator.generate(plugins.registry());
        if (out == null) {
            spec.commandLine().getOut().print(schema);
        } else {
            try {
                RunFiles.writeString(out.toAbsolutePath(), schema);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
        }
        return NnCommand.OK;
    }
}
