package dev.nn.api;

/** Creates a learning-rate {@link Schedule} from checked options. */
public interface ScheduleProvider extends Provider {
    Schedule create(Options options);
}
