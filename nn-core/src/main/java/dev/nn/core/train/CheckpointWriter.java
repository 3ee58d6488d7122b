package dev.nn.core.train;

import dev.nn.core.Network;
import java.io.IOException;

/**
 * Saves a training run so it can be resumed: the trainer calls it after every epoch and when a stop
 * is requested, with the network (holding the current parameters) and the rest of the run's state.
 * {@link Checkpoint#writer} writes a checkpoint file.
 */
@FunctionalInterface
public interface CheckpointWriter {

    /**
     * Saves {@code state} and {@code network}'s parameters; must not keep references to either.
     *
     * @param network the network
     * @param state   where training is
     * @throws IOException if the checkpoint cannot be written
     */
    void write(Network network, TrainingState state) throws IOException;
}
