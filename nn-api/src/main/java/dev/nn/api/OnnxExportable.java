package dev.nn.api;

/**
 * A component that can write what it computes at prediction time as ONNX nodes, so that a model
 * using it can be exported ({@code nn export MODEL --format onnx}). A {@link Layer} implements it
 * for its {@link Layer#forward} with {@link Context#training()} false; a {@link Loss} whose
 * {@link Loss#toPrediction} changes the network's output (a softmax, a sigmoid) implements it for
 * that. A model with a layer that does not implement it, or with a loss that changes the output
 * without implementing it, is refused by the export with one line naming the layer or loss and the
 * jar it comes from.
 *
 * <p>The description must compute what the component computes, within float32 rounding: nn's tests
 * hold an export's outputs in ONNX Runtime to nn's predictions within 1e-5, and a plugin can do the
 * same (see {@code docs/onnx.md}).
 *
 * @since SPI 1.5
 */
public interface OnnxExportable {

    /**
     * Adds the nodes computing this component to {@code graph}.
     *
     * @param graph the graph being built
     * @param input the name of the float32 tensor {@code [batch, inputSize]} this component reads
     * @return the name of the tensor {@code [batch, outputSize]} it gives ({@code input} itself for a
     *         component that passes its input through)
     * @throws IllegalArgumentException when these options cannot be written in the graph's opset (say which and why)
     */
    String toOnnx(OnnxGraph graph, String input);
}
