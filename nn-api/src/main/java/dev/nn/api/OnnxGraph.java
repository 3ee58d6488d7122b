package dev.nn.api;

import java.util.Map;

/**
 * The ONNX graph an export is building, as a component describing itself sees it
 * ({@link OnnxExportable}). Tensors are named by strings: a component gets the name of its input and
 * returns the name of its output, adding the nodes and constants in between. Every tensor a layer
 * reads or gives is float32 of shape {@code [batch, width]}, the batch dimension left open.
 *
 * <p>The graph is built for ONNX opset {@link #opset()} of the default domain: an operator newer than
 * that (such as {@code Gelu}, {@code Mish} or {@code LayerNormalization}) has to be written out with
 * older ones. Names given to nodes and constants are made unique by the graph, so a component may
 * use the same hint in every instance.
 *
 * <p>nn-api has no ONNX or protobuf types: nn's {@code nn-onnx} module implements this interface.
 *
 * @since SPI 1.5
 */
public interface OnnxGraph {

    /** {@return the opset version of the default ONNX domain the graph is built for (13)} */
    int opset();

    /**
     * Adds a node with one output.
     *
     * <p>Attribute values map to ONNX attribute types by their Java type: {@code Integer} and
     * {@code Long} to {@code INT}, {@code Float} and {@code Double} to {@code FLOAT}, {@code String} to
     * {@code STRING}, {@code int[]} and {@code long[]} to {@code INTS}, {@code float[]} to {@code FLOATS}.
     *
     * @param opType     the ONNX operator, such as {@code "Gemm"} or {@code "Relu"}
     * @param attributes the node's attributes by name; empty for none
     * @param inputs     the names of its inputs, in the operator's order ({@code ""} for an optional input left out)
     * @return the name of the node's output, new in the graph
     * @throws IllegalArgumentException for an attribute value of another type
     */
    String node(String opType, Map<String, ?> attributes, String... inputs);

    /**
     * Adds a node with one output and no attributes.
     *
     * @param opType the ONNX operator, such as {@code "Relu"}
     * @param inputs the names of its inputs, in the operator's order
     * @return the name of the node's output, new in the graph
     */
    default String node(String opType, String... inputs) {
        return node(opType, Map.of(), inputs);
    }

    /**
     * Adds a float32 constant (an initializer of the graph) and returns its name.
     *
     * @param hint   a short name for it, such as {@code "weights"}; the graph makes it unique
     * @param values the values, row-major (copied)
     * @param shape  its dimensions; none for a scalar
     * @return the name of the constant
     * @throws IllegalArgumentException when the values do not fill the shape
     */
    String constant(String hint, float[] values, long... shape);

    /**
     * Adds an int64 constant (for operators that take axes or shapes as inputs) and returns its name.
     *
     * @param hint   a short name for it, such as {@code "axes"}; the graph makes it unique
     * @param values the values, row-major (copied)
     * @param shape  its dimensions; none for a scalar
     * @return the name of the constant
     * @throws IllegalArgumentException when the values do not fill the shape
     */
    String constantInts(String hint, long[] values, long... shape);

    /**
     * {@return a float32 scalar constant}
     *
     * @param hint  a short name for it; the graph makes it unique
     * @param value its value
     */
    default String scalar(String hint, float value) {
        return constant(hint, new float[] {value});
    }
}
