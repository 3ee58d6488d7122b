package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.core.ModelFile;
import dev.nn.core.SavedModel;
import dev.nn.onnx.OnnxExport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a saved model to ONNX (opset 13, IR 8) for ONNX Runtime and other servers: the graph"
                + " takes the raw features nn predict takes (its preprocessing inside) and gives the probabilities and"
                + " class index (or the predictions, in the targets' units) nn predict gives. See docs/onnx.md.")
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model.zip from a run folder.")
    Path model;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "onnx",
            description = "The format to write: onnx (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (FILE.onnx).")
    Path out;

    @Mixin
    PluginOptions plugins = new PluginOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("onnx")) {
            throw new ConfigException("--format", "'" + format + "' is not a format nn exports to; use --format onnx");
        }
        SavedModel saved;
        try {
            saved = ModelFile.load(model, plugins.registry(), 1);
        } catch (IOException e) {
            throw new UncheckedIOException(model + ": cannot read the model: " + e.getMessage(), e);
        }
        try {
            OnnxExport.write(saved, out);
        } catch (ConfigException e) {
            // Where in the model: the file, then the layer's place in its config.
            throw new ConfigException(e.problems().stream()
                    .map(p -> new Problem(
                            p.where() == null || p.where().isEmpty() ? model.toString() : model + ": " + p.where(),
                            p.message()))
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        boolean classifier = !saved.info().classNames().isEmpty();
        int outputs = saved.network().outputSize();
        spec.commandLine()
                .getOut()
                .println(out + ": ONNX model (opset " + OnnxExport.OPSET + ", IR " + OnnxExport.IR_VERSION + "), input "
                        + OnnxExport.INPUT + " [batch, " + saved.network().inputSize() + "], "
                        + (classifier
                                ? "outputs " + OnnxExport.PROBABILITIES + " [batch, " + outputs + "] and "
                                        + OnnxExport.LABEL + " [batch]"
                                : "output " + OnnxExport.PREDICTIONS + " [batch, " + outputs + "]"));
        return NnCommand.OK;
    }
}
