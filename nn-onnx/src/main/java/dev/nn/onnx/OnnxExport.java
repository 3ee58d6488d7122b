package dev.nn.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.FeatureTransform;
import dev.nn.api.Layer;
import dev.nn.api.Loss;
import dev.nn.api.Matrix;
import dev.nn.api.OnnxExportable;
import dev.nn.api.Preprocessing;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.api.TableEncoding;
import dev.nn.core.Network;
import dev.nn.core.SavedModel;
import dev.nn.core.Workspace;
import dev.nn.core.io.AtomicFile;
import dev.nn.core.io.ModelInfo;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.registry.PluginSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a trained network as an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION})
 * that takes the raw features {@code nn predict} takes and gives what it gives: the fitted
 * preprocessing steps run inside the graph, then the layers, then the loss's prediction (a softmax or
 * sigmoid for a loss on logits) and the undoing of any target scaling.
 *
 * <p>The graph has one input, {@value #INPUT} (float32 {@code [batch, features]}, the batch left
 * open), and, for a classifier, the outputs {@value #PROBABILITIES} (float32 {@code [batch,
 * outputs]}) and {@value #LABEL} (int64 {@code [batch]}: the largest probability's index, or
 * probability {@code >= 0.5} for a single output, as {@code nn predict} decides); for regression the
 * one output {@value #PREDICTIONS} (float32 {@code [batch, outputs]}, in the targets' units). For a
 * model of a table the input is the table's encoded features (metadata {@code input_columns} names
 * them); the encoding of raw cells stays outside the graph.
 *
 * <p>Each layer writes its own nodes through the SPI ({@link OnnxExportable}, SPI 1.5), so a
 * plugin's layer exports as nn's do; a layer that does not is refused with one line naming it and
 * its jar. See {@code docs/onnx.md}.
 */
public final class OnnxExport {
    /** The opset of the default ONNX domain the graph uses. */
    public static final int OPSET = 13;
    /** The ONNX IR version of the file. */
    public static final long IR_VERSION = 8;
    /** The graph's input: the raw features, float32 {@code [batch, features]}. */
    public static final String INPUT = "features";
    /** A classifier's output: what {@code nn predict} gives per class, float32 {@code [batch, outputs]}. */
    public static final String PROBABILITIES = "probabilities";
    /** A classifier's output: the predicted class index, int64 {@code [batch]}. */
    public static final String LABEL = "label";
    /** A regression model's output, in the targets' units, float32 {@code [batch, outputs]}. */
    public static final String PREDICTIONS = "predictions";
    /** The name of the exporter, as the file's {@code producer_name} says. */
    public static final String PRODUCER = "nn";

    private OnnxExport() {}

    /**
     * Writes a loaded model (a run's {@code model.zip}) as an ONNX file, with its provenance in the
     * metadata; the file is written to a temporary file and moved into place.
     *
     * @param model the model, as {@code ModelFile.load} gives it
     * @param file  the ONNX file to write
     * @throws ConfigException naming the layer (and its jar) or loss that has no ONNX description
     * @throws IOException     when the file cannot be written
     */
    public static void write(SavedModel model, Path file) throws IOException {
        byte[] bytes = toBytes(model);
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * Writes a network made with the builder as an ONNX file, with its preprocessing and target
     * scaling ({@link Network#withPreprocessing}) in the graph.
     *
     * @param network    the trained network
     * @param classNames the class names of a classifier, by index; empty for regression
     * @param file       the ONNX file to write
     * @throws ConfigException naming the layer (and its jar) or loss that has no ONNX description
     * @throws IOException     when the file cannot be written
     */
    public static void write(Network network, List<String> classNames, Path file) throws IOException {
        byte[] bytes = build(network, classNames, null).toByteArray();
        AtomicFile.write(file, out -> out.write(bytes));
    }

    /**
     * {@return the ONNX model of {@code model}, serialised}
     *
     * @param model the model, as {@code ModelFile.load} gives it
     * @throws ConfigException naming the layer (and its jar) or loss that has no ONNX description
     */
    public static byte[] toBytes(SavedModel model) {
        return build(model.network(), model.info().classNames(), model.info()).toByteArray();
    }

    /**
     * {@return the ONNX model of a network made with the builder, serialised}
     *
     * @param network    the trained network
     * @param classNames the class names of a classifier, by index; empty for regression
     * @throws ConfigException naming the layer (and its jar) or loss that has no ONNX description
     */
    public static byte[] toBytes(Network network, List<String> classNames) {
        return build(network, classNames, null).toByteArray();
    }

    static ModelProto build(Network net, List<String> classNames, ModelInfo info) {
        List<String> where = yamlPaths(net);
        List<OnnxExportable> layers = new ArrayList<>();
        for (int i = 0; i < net.layers().size(); i++) {
            Layer layer = net.layers().get(i);
            if (!(layer instanceof OnnxExportable exportable)) {
                throw refusal(net, i, where.get(i), layer);
            }
            layers.add(exportable);
        }
        OnnxExportable prediction = prediction(net);

        GraphProto.Builder graph = GraphProto.newBuilder().setName(graphName(info));
        ProtoGraph g = new ProtoGraph(graph);
        Preprocessing pre = net.preprocessing();
        graph.addInput(tensor(INPUT, TensorProto.DataType.FLOAT, net.inputSize(), inputDoc(pre)));
        String x = INPUT;
        for (int s = 0; s < pre.steps().size(); s++) {
            FeatureTransform step = pre.steps().get(s);
            g.enter("preprocess" + s + "_" + step.kind());
            x = affine(g, x, step);
        }
        for (int i = 0; i < layers.size(); i++) {
            g.enter("layer" + i + "_" + name(net, i));
            x = describe(layers.get(i), g, x, where.get(i), i, net);
        }
        g.enter("prediction");
        if (prediction != null) {
            x = prediction.toOnnx(g, x);
        }
        for (int s = pre.targetSteps().size() - 1; s >= 0; s--) {
            FeatureTransform step = pre.targetSteps().get(s);
            g.enter("unscale" + s + "_" + step.kind());
            x = inverse(g, x, step);
        }
        boolean classifier = !classNames.isEmpty();
        int width = net.outputSize();
        g.enter("");
        if (classifier) {
            graph.addNode(identity(x, PROBABILITIES));
            graph.addOutput(tensor(PROBABILITIES, TensorProto.DataType.FLOAT, width, "the probability of each class"));
            g.enter("label");
            String label;
            if (width == 1) {
                // nn's rule for one output: class 1 when its probability is at least 0.5.
                String positive = g.node("GreaterOrEqual", PROBABILITIES, g.scalar("threshold", 0.5f));
                String asInt = g.node("Cast", Map.of("to", (long) TensorProto.DataType.INT64_VALUE), positive);
                label = g.node("Squeeze", asInt, g.constantInts("axes", new long[] {1}, 1));
            } else {
                // The first of equal largest values, as nn picks it.
                label = g.node("ArgMax", Map.of("axis", 1, "keepdims", 0), PROBABILITIES);
            }
            graph.addNode(identity(label, LABEL));
            graph.addOutput(tensor(LABEL, TensorProto.DataType.INT64, -1, "the predicted class index"));
        } else {
            graph.addNode(identity(x, PREDICTIONS));
            graph.addOutput(tensor(
                    PREDICTIONS,
                    TensorProto.DataType.FLOAT,
                    width,
                    pre.scalesTargets() ? "the predictions, in the targets' units" : "the predictions"));
        }

        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(exporterVersion())
                .setModelVersion(1)
                .setDocString("An nn model: " + net)
                .setGraph(graph);
        Metadata.of(net, classNames, info)
                .forEach((k, v) -> model.addMetadataProps(
                        StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return model.build();
    }

    private static String describe(OnnxExportable layer, ProtoGraph g, String x, String where, int i, Network net) {
        try {
            return layer.toOnnx(g, x);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    where, "layer " + (i + 1) + " (" + name(net, i) + ") cannot be exported: " + e.getMessage());
        }
    }

    /**
     * The loss's prediction step: its own description, nothing for a loss that leaves the output as
     * it is, and a refusal for one that changes it without saying how.
     */
    private static OnnxExportable prediction(Network net) {
        Loss loss = net.loss();
        if (loss instanceof OnnxExportable exportable) {
            return exportable;
        }
        if (!changesOutput(loss, net)) {
            return null;
        }
        String name = net.lossSpec().name();
        throw new ConfigException(
                "model.loss",
                "loss " + name + " turns outputs into predictions (toPrediction) but has no ONNX description, so the"
                        + " model cannot be exported to ONNX; it comes from "
                        + origin(net.registry(), ComponentKind.LOSS, name, loss)
                        + ", whose loss would need to implement dev.nn.api.OnnxExportable (SPI 1.5)");
    }

    /**
     * Whether the loss's {@link Loss#toPrediction} changes outputs: tried on a row of varied values
     * (negative, zero, fractions, above 1), since a loss that leaves them as they are needs no node.
     */
    private static boolean changesOutput(Loss loss, Network net) {
        int width = net.outputSize();
        Matrix probe = new Matrix(2, width);
        for (int i = 0; i < probe.size(); i++) {
            probe.data()[i] = (i % 7 - 3) * 0.7f;
        }
        Matrix changed = probe.copy();
        loss.toPrediction(changed, new Workspace(net.engine(), net.seed()));
        return !java.util.Arrays.equals(changed.data(), probe.data());
    }

    private static ConfigException refusal(Network net, int i, String where, Layer layer) {
        String name = name(net, i);
        return new ConfigException(
                where,
                "layer " + (i + 1) + " of " + net.layers().size() + " (" + name + ") has no ONNX description, so the"
                        + " model cannot be exported to ONNX; it comes from "
                        + origin(net.registry(), ComponentKind.LAYER, name, layer)
                        + ", whose layer would need to implement dev.nn.api.OnnxExportable (SPI 1.5)");
    }

    /**
     * The jar (or class folder) a component came from: the plugin jar the registry loaded its provider
     * from, or, for a provider on the class path, the jar its class was loaded from.
     */
    static String origin(PluginRegistry registry, ComponentKind kind, String name, Object component) {
        Provider provider = registry == null ? null : registry.providers(kind).get(name);
        PluginSource source = provider == null ? null : registry.source(provider);
        if (source != null && source.location() != null) {
            return source.location().toString();
        }
        CodeSource code = component.getClass().getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            try {
                return Path.of(code.getLocation().toURI()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                return code.getLocation().toString();
            }
        }
        return source != null ? source.label() : "an unknown jar";
    }

    /** Layer {@code i}'s name as in YAML ({@code dense}), from the label the summary shows. */
    static String name(Network net, int i) {
        String label = net.layerLabels().get(i);
        int open = label.indexOf('(');
        return open < 0 ? label : label.substring(0, open);
    }

    /**
     * Where each of the network's layers is in a config: {@code model.layers[2]}, or
     * {@code model.layers[2].activation} for a layer the {@code activation} shorthand added.
     */
    static List<String> yamlPaths(Network net) {
        List<String> paths = new ArrayList<>();
        List<Spec> specs = net.layerSpecs();
        int extra = net.layers().size() - specs.size();
        for (int i = 0; i < specs.size(); i++) {
            paths.add("model.layers[" + i + "]");
            Object activation = specs.get(i).options().get("activation");
            String act = activation instanceof Spec s ? s.name() : activation == null ? null : activation.toString();
            if (act != null && !act.equals("none") && extra > 0) {
                paths.add("model.layers[" + i + "].activation");
                extra--;
            }
        }
        while (paths.size() < net.layers().size()) {
            paths.add("layer " + (paths.size() + 1));
        }
        return paths;
    }

    /** {@code (x - shift) * scale}, leaving out a subtraction of zeros and a multiplication by ones. */
    private static String affine(ProtoGraph g, String x, FeatureTransform step) {
        int d = step.features();
        if (!all(step.shift(), 0f)) {
            x = g.node("Sub", x, g.constant("shift", step.shift(), d));
        }
        if (!all(step.scale(), 1f)) {
            x = g.node("Mul", x, g.constant("scale", step.scale(), d));
        }
        return x;
    }

    /** {@code x / scale + shift}, as nn undoes a target step. */
    private static String inverse(ProtoGraph g, String x, FeatureTransform step) {
        int d = step.features();
        if (!all(step.scale(), 1f)) {
            x = g.node("Div", x, g.constant("scale", step.scale(), d));
        }
        if (!all(step.shift(), 0f)) {
            x = g.node("Add", x, g.constant("shift", step.shift(), d));
        }
        return x;
    }

    private static boolean all(float[] values, float value) {
        for (float v : values) {
            if (Float.compare(v, value) != 0) {
                return false;
            }
        }
        return true;
    }

    private static ai.onnx.proto.OnnxMl.NodeProto identity(String from, String to) {
        return ai.onnx.proto.OnnxMl.NodeProto.newBuilder()
                .setOpType("Identity")
                .setName(to)
                .addInput(from)
                .addOutput(to)
                .build();
    }

    /** A tensor {@code [batch, width]} (or {@code [batch]} for a width below 1) of {@code type}. */
    private static ValueInfoProto tensor(String name, TensorProto.DataType type, int width, String doc) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        if (width > 0) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setDocString(doc)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(type.getNumber())
                                .setShape(shape)))
                .build();
    }

    private static String inputDoc(Preprocessing pre) {
        TableEncoding table = pre.table();
        String steps = pre.steps().isEmpty()
                ? ""
                : "; the graph applies the fitted preprocessing ("
                        + String.join(
                                ", ",
                                pre.steps().stream().map(FeatureTransform::kind).toList()) + ")";
        if (table != null) {
            return "the table's encoded features (metadata input_columns names them: numbers as they are, a category"
                    + " one-hot, missing cells filled), as nn's table encoding makes them from raw cells" + steps;
        }
        return "the raw features, in the training data's column order, as nn predict reads them" + steps;
    }

    private static String graphName(ModelInfo info) {
        Object name = info == null ? null : info.config().get("name");
        return name == null ? "nn" : name.toString();
    }

    /** The version of nn-onnx doing the export, from its jar's manifest when packaged. */
    static String exporterVersion() {
        String v = OnnxExport.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    /** The {@code metadata_props} of an export: what {@code nn info} says of the model, as strings. */
    static final class Metadata {
        private Metadata() {}

        static Map<String, String> of(Network net, List<String> classNames, ModelInfo info) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("exporter", PRODUCER + " " + exporterVersion());
            if (info != null) {
                m.put("nn_version", info.nnVersion());
                m.put("created", info.created());
                m.put("engine", info.engine());
                m.put("data_checksum", info.dataChecksum());
                if (!info.platform().isEmpty()) {
                    m.put("platform", info.platform());
                }
            } else {
                m.put("nn_version", exporterVersion());
            }
            m.put("seed", Long.toString(info != null ? info.seed() : net.seed()));
            m.put("network", net.toString());
            m.put("task", classNames.isEmpty() ? "regression" : "classification");
            m.put("class_names", Json.of(classNames));
            Preprocessing pre = net.preprocessing();
            if (pre.table() != null) {
                m.put("input_encoding", "table: the graph takes the encoded features named in input_columns");
                m.put("input_columns", Json.of(pre.table().featureNames()));
                m.put(
                        "table_columns",
                        Json.of(pre.table().columns().stream()
                                .map(TableEncoding.Column::name)
                                .toList()));
            } else {
                m.put("input_encoding", "features: " + net.inputSize() + " numbers per example");
            }
            m.put(
                    "preprocessing",
                    Json.of(pre.steps().stream().map(FeatureTransform::kind).toList()));
            m.put(
                    "target_scaling",
                    Json.of(pre.targetSteps().stream()
                            .map(FeatureTransform::kind)
                            .toList()));
            if (info != null && !info.config().isEmpty()) {
                m.put("config", Json.of(info.config()));
            }
            return m;
        }
    }
}
