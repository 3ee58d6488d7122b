package dev.nn.core.train;

/** Training produced a NaN or infinite loss; the message says where and what to try. */
public class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A run that diverged.
     *
     * @param message where and what to try
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
