package dev.nn.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.nn.api.OnnxGraph;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link OnnxGraph} on ONNX's protobuf classes: nodes and initializers go into one {@link GraphProto}
 * builder, named under the prefix of the component being written ({@code layer2_dense/weights}), so
 * a graph viewer shows which layer each node belongs to.
 */
final class ProtoGraph implements OnnxGraph {
    private final GraphProto.Builder graph;
    private final Set<String> names = new HashSet<>();
    private String prefix = "";

    ProtoGraph(GraphProto.Builder graph) {
        this.graph = graph;
    }

    /** Names what follows after {@code component} (a layer's or the preprocessing's), until the next call. */
    void enter(String component) {
        prefix = component.isEmpty() ? "" : component + "/";
    }

    @Override
    public int opset() {
        return OnnxExport.OPSET;
    }

    @Override
    public String node(String opType, Map<String, ?> attributes, String... inputs) {
        String output = fresh(opType.toLowerCase(java.util.Locale.ROOT));
        NodeProto.Builder node =
                NodeProto.newBuilder().setOpType(opType).setName(output).addOutput(output);
        for (String input : inputs) {
            node.addInput(input);
        }
        // Sorted, so one model gives the same bytes every time whatever the map's order.
        attributes.keySet().stream()
                .sorted()
                .forEach(name -> node.addAttribute(attribute(opType, name, attributes.get(name))));
        graph.addNode(node);
        return output;
    }

    @Override
    public String constant(String hint, float[] values, long... shape) {
        requireFilled(hint, values.length, shape);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return initializer(hint, TensorProto.DataType.FLOAT, bytes.array(), shape);
    }

    @Override
    public String constantInts(String hint, long[] values, long... shape) {
        requireFilled(hint, values.length, shape);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asLongBuffer().put(values);
        return initializer(hint, TensorProto.DataType.INT64, bytes.array(), shape);
    }

    private String initializer(String hint, TensorProto.DataType type, byte[] raw, long... shape) {
        String name = fresh(hint);
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(type.getNumber())
                .setRawData(com.google.protobuf.ByteString.copyFrom(raw));
        for (long d : shape) {
            tensor.addDims(d);
        }
        graph.addInitializer(tensor);
        return name;
    }

    /** {@code prefix + hint}, with a number after it when the graph has that name already. */
    String fresh(String hint) {
        String base = prefix + hint;
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    private static void requireFilled(String hint, int length, long... shape) {
        long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (size != length) {
            throw new IllegalArgumentException("constant '" + hint + "' has " + length + " values for the shape "
                    + Arrays.toString(shape) + " (" + size + ")");
        }
    }

    private static AttributeProto attribute(String opType, String name, Object value) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
        if (value instanceof Integer || value instanceof Long) {
            a.setType(AttributeProto.AttributeType.INT).setI(((Number) value).longValue());
        } else if (value instanceof Float || value instanceof Double) {
            a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) value).floatValue());
        } else if (value instanceof String s) {
            a.setType(AttributeProto.AttributeType.STRING).setS(com.google.protobuf.ByteString.copyFromUtf8(s));
        } else if (value instanceof long[] longs) {
            a.setType(AttributeProto.AttributeType.INTS);
            Arrays.stream(longs).forEach(a::addInts);
        } else if (value instanceof int[] ints) {
            a.setType(AttributeProto.AttributeType.INTS);
            Arrays.stream(ints).forEach(a::addInts);
        } else if (value instanceof float[] floats) {
            a.setType(AttributeProto.AttributeType.FLOATS);
            for (float f : floats) {
                a.addFloats(f);
            }
        } else {
            throw new IllegalArgumentException("attribute '" + name + "' of " + opType + " is a "
                    + (value == null ? "null" : value.getClass().getSimpleName())
                    + "; give an Integer, Long, Float, Double, String, int[], long[] or float[]");
        }
        return a.build();
    }
}
