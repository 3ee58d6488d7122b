package dev.nn.core.eval;

import java.util.List;

/** Placeholder until the evaluation branch lands. */
public final class Evaluation {
    private final double accuracy;
    private final double loss;

    private Evaluation(double accuracy, double loss) {
        this.accuracy = accuracy;
        this.loss = loss;
    }

    public static Evaluation of(int[] actual, int[] predicted, List<String> classNames, double loss) {
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        return new Evaluation(actual.length == 0 ? 0 : (double) correct / actual.length, loss);
    }

    public double accuracy() {
        return accuracy;
    }

    public double loss() {
        return loss;
    }
}
