package dev.nn.runner.config;

import dev.nn.api.Spec;
import dev.nn.core.train.EarlyStopping;
import dev.nn.core.train.Warmup;

/**
 * The {@code train} section of a pipeline: how the network is trained.
 *
 * @param optimizer     the optimizer component (default {@code sgd})
 * @param schedule      the learning-rate schedule component, or null for none
 * @param batchSize     examples per mini-batch (default 32)
 * @param epochs        passes over the training data (default 10)
 * @param shuffle       reshuffle the training data every epoch (default true)
 * @param clipNorm      the largest global gradient norm before gradients are scaled down, or null for no clipping
 * @param earlyStopping when to stop early, or null to train every epoch
 * @param checkpoint    keep a resumable checkpoint in the run folder (default false)
 * @param warmup        the learning-rate warm-up before the schedule, or null for none
 * @param shardRows     the rows of a batch's logical shards, 0 for whole batches (default 0)
 */
public record TrainConfig(
        Spec optimizer,
        Spec schedule,
        int batchSize,
        int epochs,
        boolean shuffle,
        Double clipNorm,
        EarlyStopping earlyStopping,
        boolean checkpoint,
        Warmup warmup,
        int shardRows) {}
