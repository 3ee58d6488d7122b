package dev.nn.api;

import java.util.Objects;

/**
 * A trainable tensor and the gradient accumulated for it.
 *
 * <p>A layer creates its parameters once, adds into {@link #grad()} during
 * {@link Layer#backward}, and the optimizer reads the gradient and updates {@link #value()}.
 * The trainer zeroes gradients before each batch.
 */
public final class Parameter {
    private final String name;
    private final Matrix value;
    private final Matrix grad;

    /**
     * A parameter named {@code name} (such as {@code "weights"}) with a zero gradient of the same shape.
     *
     * @param name  the parameter's name within its layer
     * @param value its values, trained in place
     */
    public Parameter(String name, Matrix value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = new Matrix(value.rows(), value.cols());
    }

    /** {@return the name within its layer, such as {@code "weights"}} */
    public String name() {
        return name;
    }

    /** {@return the values, trained in place} */
    public Matrix value() {
        return value;
    }

    /** {@return the gradient, same shape as the values} */
    public Matrix grad() {
        return grad;
    }

    @Override
    public String toString() {
        return "Parameter " + name + " " + value.shape();
    }
}
