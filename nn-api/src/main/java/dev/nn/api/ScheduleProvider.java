package dev.nn.api;

/** Creates a learning-rate {@link Schedule} from checked options. */
public interface ScheduleProvider extends Provider {
    /**
     * {@return a schedule with the given options}
     *
     * @param options this provider's options, already checked
     */
    Schedule create(Options options);
}
