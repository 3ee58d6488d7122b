package dev.nn.runner.pipeline;

import dev.nn.core.Network;
import dev.nn.core.train.EpochStats;
import dev.nn.core.train.History;
import dev.nn.core.train.TrainingListener;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows training progress: a progress bar per epoch with loss and ETA on a terminal, one log line
 * per epoch otherwise (a pipe, a file, or {@code CI=true}). Each epoch's line also goes to run.log.
 */
public final class ProgressListener implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger("nn.progress");

    private final boolean interactive;
    private int epochs;
    private int batches;
    private ProgressBar bar;
    private double lossSum;

    /** A listener that draws a progress bar when there is a console and the {@code CI} variable is not {@code true}. */
    public ProgressListener() {
        this(System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI")));
    }

    ProgressListener(boolean interactive) {
        this.interactive = interactive;
    }

    @Override
    public void onTrainStart(Network network, int epochCount, int batchesPerEpoch) {
        this.epochs = epochCount;
        this.batches = batchesPerEpoch;
    }

    @Override
    public void onEpochStart(int epoch) {
        lossSum = 0;
        if (interactive) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200)
                    .continuousUpdate()
                    .build();
        }
    }

    @Override
    public void onBatchEnd(int epoch, int batch, double loss) {
        if (bar != null) {
            lossSum += loss;
            bar.step();
            if ((batch & 15) == 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", lossSum / batch));
            }
        }
    }

    @Override
    public void onEpochEnd(EpochStats e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        StringBuilder line =
                new StringBuilder(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", e.epoch(), epochs, e.loss()));
        if (!Double.isNaN(e.accuracy())) {
            line.append(String.format(Locale.ROOT, "  accuracy %.4f", e.accuracy()));
        }
        if (!Double.isNaN(e.validationLoss())) {
            line.append(String.format(Locale.ROOT, "  val_loss %.4f", e.validationLoss()));
        }
        if (!Double.isNaN(e.validationAccuracy())) {
            line.append(String.format(Locale.ROOT, "  val_accuracy %.4f", e.validationAccuracy()));
        }
        if (!Double.isNaN(e.validationR2())) {
            line.append(String.format(Locale.ROOT, "  val_r2 %.4f", e.validationR2()));
        }
        if (!Double.isNaN(e.validationMae())) {
            line.append(String.format(Locale.ROOT, "  val_mae %.4g", e.validationMae()));
        }
        line.append(String.format(Locale.ROOT, "  (%.2f s)", e.seconds()));
        LOG.info("{}", line);
    }

    @Override
    public void onTrainEnd(History history) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        if (history.stoppedEarly()) {
            LOG.info(
                    "Stopped early after epoch {}; kept the weights of epoch {}",
                    history.epochs().size(),
                    history.bestEpoch());
        }
    }
}
