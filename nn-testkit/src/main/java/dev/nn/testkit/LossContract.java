package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Matrix;
import dev.nn.core.Workspace;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link LossProvider} and its losses, as JUnit 5 tests. A plugin's test extends
 * it and supplies the provider, plus options, sizes, outputs and targets where the defaults (3
 * outputs in [-2, 2), one-hot targets) do not fit:
 * <pre>{@code
 * class HingeContractTest extends LossContract {
 *     protected LossProvider provider() { return new HingeProvider(); }
 * }
 * }</pre>
 * It checks, besides {@link ProviderContract}'s option checks: a finite loss and a gradient of the
 * output's shape; that the loss is the mean over the batch; that the gradient agrees with central
 * differences; that nothing leaks from one batch into the next; bit-identical results for any
 * thread count; and that the output and target are left alone.
 */
public abstract class LossContract extends ProviderContract<LossProvider> {

    /** {@return the number of outputs per example; default 3} */
    protected int outputSize() {
        return 3;
    }

    /** {@return rows in a test batch; default 4} */
    protected int batchSize() {
        return 4;
    }

    /**
     * {@return a seeded batch of network outputs; by default values in [-2, 2)}
     *
     * @param rows the batch size
     * @param seed seeds the values
     */
    protected Matrix output(int rows, long seed) {
        return TestData.uniform(rows, outputSize(), -2, 2, seed);
    }

    /**
     * {@return a seeded batch of targets for {@link #output}; by default one-hot rows}
     *
     * @param rows the batch size
     * @param seed seeds the values
     */
    protected Matrix target(int rows, long seed) {
        return TestData.oneHot(rows, outputSize(), seed);
    }

    /** {@return the gradient checker: override to change its step or tolerance for this loss} */
    protected GradientCheck gradientCheck() {
        return Gradients.check();
    }

    /** {@return a new loss from {@link #provider()} with {@link #options()}} */
    protected final Loss createLoss() {
        return provider().create(checkedOptions());
    }

    /** The loss is finite and the gradient has the outputs' shape. */
    @Test
    public void theLossIsFiniteAndTheGradientHasTheOutputsShape() {
        Loss loss = createLoss();
        Workspace ctx = TestContexts.training(0);
        for (int rows : new int[] {batchSize(), 1, 2 * batchSize() + 1}) {
            Matrix y = output(rows, rows);
            Matrix t = target(rows, rows + 100);
            assertThat(loss.forward(y, t, ctx)).as("loss of %d rows", rows).isFinite();
            Matrix grad = loss.backward(y, t, ctx);
            assertThat(grad.rows()).as("rows of the gradient").isEqualTo(rows);
            assertThat(grad.cols()).as("columns of the gradient").isEqualTo(outputSize());
        }
    }

    /**
     * {@return how much a batch counts when batches are averaged: its rows, by default} A loss whose
     * mean is weighted (PyTorch's class weights divide by the examples' total weight) returns that total.
     *
     * @param target the batch's targets
     */
    protected double batchWeight(Matrix target) {
        return target.rows();
    }

    /** The loss is the mean over the batch (weighted by {@link #batchWeight}). */
    @Test
    public void theLossIsTheMeanOverTheBatch() {
        Loss loss = createLoss();
        Workspace ctx = TestContexts.training(0);
        Matrix a = output(batchSize(), 1);
        Matrix ta = target(batchSize(), 2);
        Matrix b = output(batchSize() + 2, 3);
        Matrix tb = target(batchSize() + 2, 4);
        double la = loss.forward(a, ta, ctx);
        double lb = loss.forward(b, tb, ctx);
        double both = loss.forward(TestData.stack(a, b), TestData.stack(ta, tb), ctx);
        double wa = batchWeight(ta);
        double wb = batchWeight(tb);
        double mean = (la * wa + lb * wb) / (wa + wb);
        assertThat(both)
                .as("loss of two batches together against the mean of their losses")
                .isCloseTo(mean, Offset.offset(1e-5 * (1 + Math.abs(mean))));
    }

    /** The gradient agrees with central differences. */
    @Test
    public void theGradientAgreesWithCentralDifferences() {
        GradientCheck.Report report =
                gradientCheck().loss(createLoss(), output(batchSize(), 11), target(batchSize(), 12));
        assertThat(report.passed()).as(report.toString()).isTrue();
    }

    /** Nothing leaks from one batch into the next. */
    @Test
    public void nothingLeaksFromOneBatchIntoTheNext() {
        Loss used = createLoss();
        Workspace ctx = TestContexts.training(0);
        used.forward(output(batchSize() + 3, 21), target(batchSize() + 3, 22), ctx);
        used.backward(output(batchSize() + 3, 21), target(batchSize() + 3, 22), ctx);
        Matrix y = output(batchSize(), 23);
        Matrix t = target(batchSize(), 24);
        Workspace freshCtx = TestContexts.training(0);
        Loss fresh = createLoss();
        assertThat(used.forward(y, t, ctx))
                .as("loss of a batch after another batch")
                .isEqualTo(fresh.forward(y, t, freshCtx));
        assertThat(used.backward(y, t, ctx))
                .as("gradient of a batch after another batch")
                .isEqualTo(fresh.backward(y, t, freshCtx));
    }

    /** Results are bit-identical for any thread count. */
    @Test
    public void resultsAreBitIdenticalForAnyThreadCount() {
        int rows = Math.max(batchSize(), 65_536 / outputSize() + 1);
        Matrix y = output(rows, 31);
        Matrix t = target(rows, 32);
        Loss one = createLoss();
        Loss three = createLoss();
        Workspace ctxOne = TestContexts.of(0, 1, true);
        Workspace ctxThree = TestContexts.of(0, 3, true);
        assertThat(three.forward(y, t, ctxThree))
                .as("loss, 3 threads against 1")
                .isEqualTo(one.forward(y, t, ctxOne));
        assertThat(three.backward(y, t, ctxThree))
                .as("gradient, 3 threads against 1")
                .isEqualTo(one.backward(y, t, ctxOne));
    }

    /** Neither the output nor the target is changed. */
    @Test
    public void neitherTheOutputNorTheTargetIsChanged() {
        Loss loss = createLoss();
        Workspace ctx = TestContexts.training(0);
        Matrix y = output(batchSize(), 41);
        Matrix t = target(batchSize(), 42);
        Matrix yBefore = y.copy();
        Matrix tBefore = t.copy();
        loss.forward(y, t, ctx);
        loss.backward(y, t, ctx);
        assertThat(y).as("the output after forward and backward").isEqualTo(yBefore);
        assertThat(t).as("the target after forward and backward").isEqualTo(tBefore);
    }
}
