package dev.nn.plugins.train;

import static dev.nn.plugins.Layers.dense;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Dataset;
import dev.nn.api.Matrix;
import dev.nn.api.Spec;
import dev.nn.api.Split;
import dev.nn.core.Network;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.plugins.Activations;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Schedules;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every activation, loss, optimizer and schedule added for PyTorch's components trains the digits
 * to the same bits on 1, 2 and 3 threads: a 64-32-10 network, two epochs, each case changing one
 * part of it (the hidden activation, the loss and the last layers it needs, or the optimizer and
 * schedule).
 */
class ComponentThreadsTest {
    private static final Split DIGITS =
            Datasets.digits().split(0.2, 0.2, 3, true).standardize();
    /** The same digits as regression data: the one-hot rows of the labels as targets. */
    private static final Split DIGITS_AS_VALUES = new Split(
            oneHot(DIGITS.train()), oneHot(DIGITS.validation()), oneHot(DIGITS.test()), DIGITS.preprocessing());

    /** One case: how it builds the network and the trainer, and on which data. */
    record Case(
            String name,
            Spec activation,
            Spec loss,
            List<Spec> head,
            UnaryOperator<TrainerBuilder> training,
            boolean values) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        List<Spec> linear = List.of();
        List<Case> cases = List.of(
                activation("gelu", Activations.gelu()),
                activation("gelu tanh", Activations.gelu("tanh")),
                activation("silu", Activations.silu()),
                activation("elu", Activations.elu(0.5)),
                activation("selu", Activations.selu()),
                activation("softplus", Activations.softplus(2, 10)),
                activation("mish", Activations.mish()),
                activation("hard_sigmoid", Activations.hardSigmoid()),
                activation("relu6", Activations.relu6()),
                loss("hinge", Losses.hinge(0.5), linear, false),
                loss("kl_div", Losses.klDiv(), List.of(Activations.logSoftmax()), false),
                loss(
                        "label smoothing, balanced weights",
                        Losses.softmaxCrossEntropy().labelSmoothing(0.1).balancedClassWeights(),
                        linear,
                        false),
                loss("pos_weight", Losses.binaryCrossEntropy(true, 2.0), linear, false),
                loss("l1", Losses.l1(), linear, true),
                loss("huber", Losses.huber(0.5), linear, true),
                loss("smooth_l1", Losses.smoothL1(0.5), linear, true),
                training(
                        "adamw, amsgrad, one_cycle",
                        t -> t.optimizer(Optimizers.adamw(0.01, 0.05).with("amsgrad", true))
                                .schedule(Schedules.oneCycle(0.02))),
                training(
                        "nadam, warm-up, polynomial",
                        t -> t.optimizer(Optimizers.nadam(0.004))
                                .schedule(Schedules.polynomial(2))
                                .warmup(1, 0.1)),
                training(
                        "adagrad, reduce_on_plateau",
                        t -> t.optimizer(Optimizers.adagrad(0.05))
                                .schedule(Schedules.reduceOnPlateau("val_loss", 0.5, 0))),
                training(
                        "rmsprop centered with momentum",
                        t -> t.optimizer(Optimizers.rmsprop(0.001).momentum(0.5).centered())),
                training(
                        "sgd with dampening",
                        t -> t.optimizer(Optimizers.sgd(0.05).momentum(0.9).dampening(0.3))));
        return cases.stream().map(Arguments::of);
    }

    private static Case activation(String name, Spec activation) {
        return new Case(name, activation, Losses.softmaxCrossEntropy(), List.of(), t -> t, false);
    }

    private static Case loss(String name, Spec loss, List<Spec> head, boolean values) {
        return new Case(name, Activations.relu(), loss, head, t -> t, values);
    }

    private static Case training(String name, UnaryOperator<TrainerBuilder> training) {
        return new Case(name, Activations.relu(), Losses.softmaxCrossEntropy(), List.of(), training, false);
    }

    private static Dataset oneHot(Dataset classes) {
        Matrix targets = new Matrix(classes.size(), 10);
        for (int r = 0; r < classes.size(); r++) {
            targets.set(r, classes.labels()[r], 1);
        }
        return Dataset.regression(classes.name(), classes.features(), targets);
    }

    private static List<float[]> trained(Case c, int threads) {
        Split data = c.values() ? DIGITS_AS_VALUES : DIGITS;
        Network.Builder builder =
                Network.builder(64).add(dense(32)).add(c.activation()).add(dense(10));
        c.head().forEach(builder::add);
        Network net = builder.loss(c.loss()).seed(11).threads(threads).build();
        net.fitLossTo(data.train());
        TrainerBuilder trainer =
                Trainer.builder().optimizer(Optimizers.adam(0.01)).batchSize(50).epochs(2);
        c.training().apply(trainer).build().fit(net, data.train(), data.validation());
        return net.parameters().stream().map(p -> p.value().data().clone()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void trainsToTheSameBitsOnOneTwoAndThreeThreads(Case c) {
        List<float[]> one = trained(c, 1);
        for (int threads : new int[] {2, 3}) {
            List<float[]> many = trained(c, threads);
            for (int i = 0; i < one.size(); i++) {
                assertThat(many.get(i))
                        .as("%s: array %d with %d threads", c, i, threads)
                        .containsExactly(one.get(i));
            }
        }
    }
}
