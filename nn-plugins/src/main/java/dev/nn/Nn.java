package dev.nn;

import dev.nn.api.Dataset;
import dev.nn.api.Preprocessor;
import dev.nn.api.Spec;
import dev.nn.core.Network;
import dev.nn.core.train.Trainer;
import dev.nn.core.train.TrainerBuilder;
import dev.nn.plugins.Activations;
import dev.nn.plugins.Datasets;
import dev.nn.plugins.Initializers;
import dev.nn.plugins.Layers;
import dev.nn.plugins.Losses;
import dev.nn.plugins.Optimizers;
import dev.nn.plugins.Preprocessors;
import dev.nn.plugins.Schedules;
import dev.nn.plugins.layers.DenseSpec;
import dev.nn.plugins.loss.SoftmaxCrossEntropySpec;
import dev.nn.plugins.optim.AdamSpec;
import dev.nn.plugins.optim.RmspropSpec;
import dev.nn.plugins.optim.SgdSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Java builder API in one import: {@code import static dev.nn.Nn.*;} brings every built-in
 * layer, activation, loss, optimizer, initializer, schedule and dataset, and the network and
 * trainer builders.
 *
 * <pre>{@code
 * var split = digits().split(0.2, 42).standardize();
 * var net = network(split.inputSize()).add(dense(100)).add(relu()).add(dense(10))
 *         .loss(softmaxCrossEntropy()).seed(42).build();
 * trainer().optimizer(sgd(0.1).momentum(0.9)).batchSize(32).epochs(30).build()
 *         .fit(net, split.train(), split.validation());
 * String report = net.evaluate(split.test()).classificationReport();
 * }</pre>
 *
 * <p>Each method is the factory of the same name in {@link Layers}, {@link Activations},
 * {@link Losses}, {@link Optimizers}, {@link Initializers}, {@link Schedules} or {@link Datasets},
 * which keep working; only the constant learning-rate schedule is renamed here,
 * {@link #constantSchedule()}, as {@link #constant(double)} is the constant initializer.
 */
public final class Nn {
    private Nn() {}

    // The builders.

    /**
     * {@return a network builder for examples of {@code inputs} features}
     *
     * @param inputs the number of input features
     */
    public static Network.Builder network(int inputs) {
        return Network.builder(inputs);
    }

    /** {@return a trainer builder (the sgd optimizer with its defaults, batch 32, 10 epochs, unless set)} */
    public static TrainerBuilder trainer() {
        return Trainer.builder();
    }

    // Layers.

    /**
     * {@return a fully connected layer with {@code units} outputs; see {@link Layers#dense}}
     *
     * @param units the number of outputs
     */
    public static DenseSpec dense(int units) {
        return Layers.dense(units);
    }

    /**
     * {@return dropout of the given fraction while training; see {@link Layers#dropout}}
     *
     * @param rate the fraction of units set to zero, in [0, 1)
     */
    public static Spec dropout(double rate) {
        return Layers.dropout(rate);
    }

    /** {@return batch normalisation with PyTorch's defaults; see {@link Layers#batchNorm()}} */
    public static Spec batchNorm() {
        return Layers.batchNorm();
    }

    /**
     * {@return batch normalisation with the given momentum; see {@link Layers#batchNorm(double)}}
     *
     * @param momentum how far each training batch moves the running statistics, in [0, 1]
     */
    public static Spec batchNorm(double momentum) {
        return Layers.batchNorm(momentum);
    }

    /** {@return layer normalisation with PyTorch's defaults; see {@link Layers#layerNorm()}} */
    public static Spec layerNorm() {
        return Layers.layerNorm();
    }

    // Activations.

    /** {@return the logistic sigmoid} */
    public static Spec sigmoid() {
        return Activations.sigmoid();
    }

    /** {@return ReLU, max(0, x)} */
    public static Spec relu() {
        return Activations.relu();
    }

    /** {@return leaky ReLU with the default slope 0.01} */
    public static Spec leakyRelu() {
        return Activations.leakyRelu();
    }

    /**
     * {@return leaky ReLU with {@code slope} for negative inputs}
     *
     * @param slope the slope below zero
     */
    public static Spec leakyRelu(double slope) {
        return Activations.leakyRelu(slope);
    }

    /** {@return the hyperbolic tangent} */
    public static Spec tanh() {
        return Activations.tanh();
    }

    /** {@return softsign, x / (1 + |x|)} */
    public static Spec softsign() {
        return Activations.softsign();
    }

    /** {@return softmax over each row} */
    public static Spec softmax() {
        return Activations.softmax();
    }

    /** {@return the logarithm of the softmax over each row (log-probabilities, for kl_div)} */
    public static Spec logSoftmax() {
        return Activations.logSoftmax();
    }

    /** {@return the identity} */
    public static Spec identity() {
        return Activations.identity();
    }

    // Losses.

    /** {@return mean squared error} */
    public static Spec mse() {
        return Losses.mse();
    }

    /** {@return Nielsen's quadratic cost: half the summed squared error per example, averaged over the batch} */
    public static Spec quadratic() {
        return Losses.quadratic();
    }

    /** {@return softmax cross-entropy on logits; add labelSmoothing, classWeights or balancedClassWeights} */
    public static SoftmaxCrossEntropySpec softmaxCrossEntropy() {
        return Losses.softmaxCrossEntropy();
    }

    /** {@return binary cross-entropy on logits} */
    public static Spec binaryCrossEntropy() {
        return Losses.binaryCrossEntropy();
    }

    /**
     * {@return binary cross-entropy, on logits or on probabilities}
     *
     * @param fromLogits whether the outputs are logits (true) or probabilities
     */
    public static Spec binaryCrossEntropy(boolean fromLogits) {
        return Losses.binaryCrossEntropy(fromLogits);
    }

    /**
     * {@return binary cross-entropy with the positive targets weighted}
     *
     * @param fromLogits whether the outputs are logits (true) or probabilities
     * @param posWeight  the positives' weight: one for every output, or one per output
     */
    public static Spec binaryCrossEntropy(boolean fromLogits, double... posWeight) {
        return Losses.binaryCrossEntropy(fromLogits, posWeight);
    }

    /** {@return the multi-class margin (hinge) loss with margin 1} */
    public static Spec hinge() {
        return Losses.hinge();
    }

    /**
     * {@return the multi-class margin (hinge) loss}
     *
     * @param margin how far the class's score must lead the others, above 0
     */
    public static Spec hinge(double margin) {
        return Losses.hinge(margin);
    }

    /** {@return the Kullback-Leibler divergence on log-probabilities (batchmean)} */
    public static Spec klDiv() {
        return Losses.klDiv();
    }

    // Optimizers.

    /**
     * {@return stochastic gradient descent; add {@code momentum}, {@code nesterov}, {@code weightDecay}}
     *
     * @param lr the learning rate
     */
    public static SgdSpec sgd(double lr) {
        return Optimizers.sgd(lr);
    }

    /** {@return Adam with its defaults (lr 0.001, beta1 0.9, beta2 0.999, eps 1e-8)} */
    public static AdamSpec adam() {
        return Optimizers.adam();
    }

    /**
     * {@return Adam with learning rate {@code lr}}
     *
     * @param lr the learning rate
     */
    public static AdamSpec adam(double lr) {
        return Optimizers.adam(lr);
    }

    /**
     * {@return RMSprop with learning rate {@code lr}}
     *
     * @param lr the learning rate
     */
    public static RmspropSpec rmsprop(double lr) {
        return Optimizers.rmsprop(lr);
    }

    // Initializers.

    /**
     * {@return weights uniform in [low, high)}
     *
     * @param low  the lower bound
     * @param high the upper bound
     */
    public static Spec uniform(double low, double high) {
        return Initializers.uniform(low, high);
    }

    /**
     * {@return weights from a normal distribution}
     *
     * @param mean the mean
     * @param std  the standard deviation
     */
    public static Spec normal(double mean, double std) {
        return Initializers.normal(mean, std);
    }

    /** {@return Xavier (Glorot) uniform weights} */
    public static Spec xavierUniform() {
        return Initializers.xavierUniform();
    }

    /** {@return Xavier (Glorot) normal weights} */
    public static Spec xavierNormal() {
        return Initializers.xavierNormal();
    }

    /** {@return He (Kaiming) uniform weights} */
    public static Spec heUniform() {
        return Initializers.heUniform();
    }

    /** {@return He (Kaiming) normal weights} */
    public static Spec heNormal() {
        return Initializers.heNormal();
    }

    /** {@return all-zero weights} */
    public static Spec zeros() {
        return Initializers.zeros();
    }

    /**
     * {@return weights all equal to {@code value}}
     *
     * @param value the value
     */
    public static Spec constant(double value) {
        return Initializers.constant(value);
    }

    // Learning-rate schedules.

    /** {@return the optimizer's rate every epoch: {@link Schedules#constant()}} */
    public static Spec constantSchedule() {
        return Schedules.constant();
    }

    /**
     * {@return the rate multiplied by {@code gamma} every {@code every} epochs}
     *
     * @param every how many epochs between reductions
     * @param gamma the factor
     */
    public static Spec step(int every, double gamma) {
        return Schedules.step(every, gamma);
    }

    /**
     * {@return the rate multiplied by {@code gamma} every epoch}
     *
     * @param gamma the factor
     */
    public static Spec exponential(double gamma) {
        return Schedules.exponential(gamma);
    }

    /**
     * {@return cosine annealing down to {@code minLr} over the planned epochs}
     *
     * @param minLr the rate at the last epoch
     */
    public static Spec cosine(double minLr) {
        return Schedules.cosine(minLr);
    }

    /**
     * {@return PyTorch's OneCycleLR up to {@code maxLr}, set before every batch: {@link Schedules#oneCycle(double)}}
     *
     * @param maxLr the highest rate
     */
    public static Spec oneCycle(double maxLr) {
        return Schedules.oneCycle(maxLr);
    }

    /**
     * {@return PyTorch's OneCycleLR: {@link Schedules#oneCycle(double, double, double, double)}}
     *
     * @param maxLr          the highest rate
     * @param pctStart       the fraction of the batches spent raising the rate
     * @param divFactor      the starting rate is maxLr / divFactor
     * @param finalDivFactor the last rate is maxLr / divFactor / finalDivFactor
     */
    public static Spec oneCycle(double maxLr, double pctStart, double divFactor, double finalDivFactor) {
        return Schedules.oneCycle(maxLr, pctStart, divFactor, finalDivFactor);
    }

    /**
     * {@return PyTorch's PolynomialLR over the planned epochs: {@link Schedules#polynomial(double)}}
     *
     * @param power the power of the decay; 1 is linear
     */
    public static Spec polynomial(double power) {
        return Schedules.polynomial(power);
    }

    /** {@return PyTorch's ReduceLROnPlateau with its defaults: {@link Schedules#reduceOnPlateau()}} */
    public static Spec reduceOnPlateau() {
        return Schedules.reduceOnPlateau();
    }

    /**
     * {@return PyTorch's ReduceLROnPlateau: {@link Schedules#reduceOnPlateau(String, double, int)}}
     *
     * @param monitor  val_loss, val_accuracy, val_r2, val_mae, loss or accuracy (accuracies and R2 should rise)
     * @param factor   the factor of each reduction, in (0, 1)
     * @param patience epochs without improvement tolerated
     */
    public static Spec reduceOnPlateau(String monitor, double factor, int patience) {
        return Schedules.reduceOnPlateau(monitor, factor, patience);
    }

    // Datasets.

    /** {@return the bundled digits: 1797 8x8 images, 10 classes} */
    public static Dataset digits() {
        return Datasets.digits();
    }

    /** {@return the bundled iris flowers: 150 examples, 4 named measurements, 3 species} */
    public static Dataset iris() {
        return Datasets.iris();
    }

    /** {@return the bundled wines: 178 examples, 13 named measurements, 3 cultivars} */
    public static Dataset wine() {
        return Datasets.wine();
    }

    /** {@return the bundled breast tumours: 569 examples, 30 named features, malignant or benign} */
    public static Dataset breastCancer() {
        return Datasets.breastCancer();
    }

    /** {@return the bundled diabetes patients: 442 examples, 10 named features, regression target progression} */
    public static Dataset diabetes() {
        return Datasets.diabetes();
    }

    /** {@return the bundled Linnerud data: 20 examples, 3 named exercises, 3 regression targets Weight, Waist, Pulse} */
    public static Dataset linnerud() {
        return Datasets.linnerud();
    }

    /**
     * {@return two interleaving half circles}
     *
     * @param samples the number of examples
     * @param noise   the Gaussian noise's standard deviation
     * @param seed    seeds the generator
     */
    public static Dataset moons(int samples, double noise, long seed) {
        return Datasets.moons(samples, noise, seed);
    }

    /**
     * {@return a large circle containing a smaller one}
     *
     * @param samples the number of examples
     * @param noise   the Gaussian noise's standard deviation
     * @param factor  the inner circle's radius relative to the outer one
     * @param seed    seeds the generator
     */
    public static Dataset circles(int samples, double noise, double factor, long seed) {
        return Datasets.circles(samples, noise, factor, seed);
    }

    /**
     * {@return Gaussian blobs, one class per centre}
     *
     * @param samples  the number of examples
     * @param centers  the number of classes
     * @param features the number of features
     * @param std      each blob's standard deviation
     * @param seed     seeds the generator
     */
    public static Dataset blobs(int samples, int centers, int features, double std, long seed) {
        return Datasets.blobs(samples, centers, features, std, seed);
    }

    /**
     * {@return images and labels from IDX files (MNIST's format, gzip or not)}
     *
     * @param images the image file
     * @param labels the label file
     */
    public static Dataset idx(Path images, Path labels) {
        return Datasets.idx(images, labels);
    }

    /**
     * {@return images and labels from IDX files, with a fixed test split}
     *
     * @param images     the training image file
     * @param labels     the training label file
     * @param testImages the test image file
     * @param testLabels the test label file
     */
    public static Dataset idx(Path images, Path labels, Path testImages, Path testLabels) {
        return Datasets.idx(images, labels, testImages, testLabels);
    }

    /**
     * {@return a CSV table; see {@link Datasets#csv(Path)} for the columns it takes}
     *
     * @param path the file
     */
    public static Dataset csv(Path path) {
        return Datasets.csv(path);
    }

    /**
     * {@return a CSV table read with the {@code csv} dataset's options; see {@link Datasets#csv(Path, Map)}}
     *
     * @param path    the file
     * @param options target, task, drop, missing_values, columns, test_path, ...
     */
    public static Dataset csv(Path path, Map<String, ?> options) {
        return Datasets.csv(path, options);
    }

    /** {@return zero mean and unit variance per feature, fitted on the training part: {@code split.then(standardize())}} */
    public static Preprocessor standardize() {
        return Preprocessors.standardize();
    }

    /** {@return each feature scaled to [0, 1] by the training part's minimum and maximum} */
    public static Preprocessor minmax() {
        return Preprocessors.minmax();
    }

    /**
     * {@return every feature multiplied by {@code factor}}
     *
     * @param factor what every feature is multiplied by, above 0
     */
    public static Preprocessor scale(double factor) {
        return Preprocessors.scale(factor);
    }

    /** {@return GELU, exact (with erf): {@code x Φ(x)}} */
    public static Spec gelu() {
        return Activations.gelu();
    }

    /**
     * {@return GELU: {@code none} with erf, {@code tanh} with the tanh approximation}
     *
     * @param approximate {@code none} or {@code tanh}
     */
    public static Spec gelu(String approximate) {
        return Activations.gelu(approximate);
    }

    /** {@return SiLU: {@code x σ(x)}} */
    public static Spec silu() {
        return Activations.silu();
    }

    /** {@return ELU with alpha 1} */
    public static Spec elu() {
        return Activations.elu();
    }

    /**
     * {@return ELU: {@code x} above 0, {@code alpha (eˣ - 1)} below}
     *
     * @param alpha the output's limit below 0 is {@code -alpha}
     */
    public static Spec elu(double alpha) {
        return Activations.elu(alpha);
    }

    /** {@return SELU, PyTorch's scaled ELU} */
    public static Spec selu() {
        return Activations.selu();
    }

    /** {@return softplus with beta 1 and threshold 20} */
    public static Spec softplus() {
        return Activations.softplus();
    }

    /**
     * {@return softplus: {@code log(1 + e^(βx)) / β}, {@code x} above the threshold}
     *
     * @param beta the sharpness, above 0
     * @param threshold above this {@code βx} the output is {@code x}
     */
    public static Spec softplus(double beta, double threshold) {
        return Activations.softplus(beta, threshold);
    }

    /** {@return Mish: {@code x tanh(softplus(x))}} */
    public static Spec mish() {
        return Activations.mish();
    }

    /** {@return the hard sigmoid: {@code clamp(x/6 + 1/2, 0, 1)}} */
    public static Spec hardSigmoid() {
        return Activations.hardSigmoid();
    }

    /** {@return ReLU6: {@code min(max(0, x), 6)}} */
    public static Spec relu6() {
        return Activations.relu6();
    }

    /** {@return the mean absolute error} */
    public static Spec l1() {
        return Losses.l1();
    }

    /** {@return the Huber loss with delta 1} */
    public static Spec huber() {
        return Losses.huber();
    }

    /**
     * {@return the Huber loss: squared below {@code delta}, linear beyond}
     *
     * @param delta where it turns linear, above 0
     */
    public static Spec huber(double delta) {
        return Losses.huber(delta);
    }

    /** {@return the smooth L1 loss with beta 1} */
    public static Spec smoothL1() {
        return Losses.smoothL1();
    }

    /**
     * {@return the smooth L1 loss: squared over {@code beta} below it, absolute beyond}
     *
     * @param beta where it turns linear, at least 0 (0 is the L1 loss)
     */
    public static Spec smoothL1(double beta) {
        return Losses.smoothL1(beta);
    }

    /**
     * {@return AdamW: Adam with decoupled weight decay, as PyTorch's AdamW (the betas and eps at their defaults)}
     *
     * @param lr          the learning rate
     * @param weightDecay the decoupled decay: each step multiplies the weights by {@code 1 - lr * weightDecay}
     */
    public static Spec adamw(double lr, double weightDecay) {
        return Optimizers.adamw(lr, weightDecay);
    }

    /**
     * {@return Adagrad with learning rate {@code lr}, as PyTorch's Adagrad (add {@code eps}, {@code lr_decay}, {@code weight_decay}, {@code initial_accumulator_value} with {@link Spec#with})}
     *
     * @param lr the learning rate
     */
    public static Spec adagrad(double lr) {
        return Optimizers.adagrad(lr);
    }

    /**
     * {@return NAdam with learning rate {@code lr}, as PyTorch's NAdam (add {@code beta1}, {@code beta2}, {@code eps}, {@code weight_decay}, {@code momentum_decay} with {@link Spec#with})}
     *
     * @param lr the learning rate
     */
    public static Spec nadam(double lr) {
        return Optimizers.nadam(lr);
    }
}
