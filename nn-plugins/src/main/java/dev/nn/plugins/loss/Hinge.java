package dev.nn.plugins.loss;

import dev.nn.api.Context;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.TrainedOutputs;
import java.util.List;

/**
 * The multi-class margin (hinge) loss, as PyTorch's {@code MultiMarginLoss} with {@code p = 1}: for
 * an example of class {@code y} and scores {@code x} over {@code C} classes,
 * {@code sum over i != y of max(0, margin - x_y + x_i) / C}, averaged over the batch. The targets
 * are one-hot rows (the class is the row's largest target); the scores are left as they are for
 * predictions, the largest being the class.
 */
public final class Hinge implements Loss {
    private final double margin;

    /**
     * A multi-class hinge loss.
     *
     * @param margin how far the class's score must lead every other one before the example costs nothing
     */
    public Hinge(double margin) {
        this.margin = margin;
    }

    /** {@return the class of a target row: its largest value's column, the first of ties} */
    private static int classOf(float[] t, int off, int cols) {
        int best = 0;
        for (int c = 1; c < cols; c++) {
            if (t[off + c] > t[off + best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public float forward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "hinge");
        int rows = output.rows();
        int cols = output.cols();
        float[] x = output.data();
        float[] t = target.data();
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int y = classOf(t, off, cols);
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                double z = margin - x[off + y] + x[off + c];
                if (c != y && z > 0) {
                    sum += z;
                }
            }
            total += sum / cols;
        }
        return (float) (total / rows);
    }

    @Override
    public Matrix backward(Matrix output, Matrix target, Context ctx) {
        output.requireSameShape(target, "hinge");
        int rows = output.rows();
        int cols = output.cols();
        Matrix g = ctx.buffer(this, "gradient", rows, cols);
        float[] x = output.data();
        float[] t = target.data();
        float[] out = g.data();
        double unit = 1.0 / ((double) cols * rows);
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int y = classOf(t, off, cols);
            int active = 0;
            for (int c = 0; c < cols; c++) {
                boolean on = c != y && margin - x[off + y] + x[off + c] > 0;
                out[off + c] = on ? (float) unit : 0f;
                active += on ? 1 : 0;
            }
            out[off + y] = (float) (-active * unit);
        }
        return g;
    }

    /** Refuses a single output: there is no other class for the margin to be measured against. */
    @Override
    public String cannotTrain(TrainedOutputs outputs) {
        if (outputs.width() == 1) {
            return "hinge needs one score per class"
                    + (outputs.classes() > 0
                            ? " (" + outputs.classes() + "); the last layer has 1: use dense: {units: "
                                    + outputs.classes() + "}"
                            : ", and 1 output has no other class to keep a margin from: for values to predict"
                                    + " use mse");
        }
        return null;
    }

    /** The {@code hinge} provider. */
    public static final class Provider implements LossProvider {
        @Override
        public String name() {
            return "hinge";
        }

        @Override
        public String description() {
            return "multi-class margin loss on class scores (as PyTorch's MultiMarginLoss)";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of(OptionSpec.number("margin", "how far the class's score must lead the others")
                    .defaultValue(1.0)
                    .above(0));
        }

        @Override
        public Loss create(Options options) {
            return new Hinge(options.number("margin"));
        }
    }
}
