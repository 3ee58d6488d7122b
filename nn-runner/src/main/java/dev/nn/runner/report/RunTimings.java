package dev.nn.runner.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's wall time went, as a user of {@code nn train} feels it: from the process's start to
 * its first batch, and from the last batch to the last file written; the training between them is
 * the history's {@code seconds()}. A figure that is not known (yet) is NaN: while the report files
 * are being written their own time is not.
 *
 * @param startupSeconds process start to the first batch: JVM, config, plugins, data
 * @param reportSeconds  the last batch to the last file: test evaluation, model, plots, report
 * @param wallSeconds    process start to the last file written
 */
public record RunTimings(double startupSeconds, double reportSeconds, double wallSeconds) {
    /** The keys of metrics.json's {@code timings} object, in this order. */
    static final String STARTUP = "startup_seconds";

    static final String TRAIN = "train_seconds";
    static final String REPORT = "report_seconds";
    static final String WALL = "wall_seconds";

    /** Linux's USER_HZ, the unit of /proc's times: 100 on every architecture Linux runs Java on. */
    private static final double CLOCK_TICKS_PER_SECOND = 100.0;

    /**
     * {@return the moment this process started (for {@code bin/nn}, the moment the command was
     * typed: the script execs the JVM in its own process), to about 10 ms}
     *
     * <p>On Linux it is read from {@code /proc}: the process's start in clock ticks after boot
     * against the seconds since boot, both to the hundredth. {@code ProcessHandle}'s start instant
     * counts from the boot time in whole seconds, up to a second early; it is the fallback elsewhere.
     */
    public static Instant processStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count from after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            double startedAfterBoot = Long.parseLong(fields[19]) / CLOCK_TICKS_PER_SECOND;
            double upSeconds = Double.parseDouble(
                    Files.readString(Path.of("/proc/uptime")).trim().split(" ")[0]);
            long ago = Math.round((upSeconds - startedAfterBoot) * 1000);
            return Instant.now().minusMillis(Math.max(0, ago));
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
        }
    }

    /**
     * {@return seconds from {@code from} to {@code to}, to the millisecond}
     *
     * @param from the start
     * @param to   the end
     */
    public static double between(Instant from, Instant to) {
        return Math.max(0, to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
    }

    /**
     * {@return these timings with the report's and the whole run's seconds}
     *
     * @param report the seconds the reports took
     * @param wall   the seconds of the whole process
     */
    public RunTimings finished(double report, double wall) {
        return new RunTimings(startupSeconds, report, wall);
    }

    /**
     * {@return the known figures as metrics.json's {@code timings} object, to the millisecond}
     *
     * @param trainSeconds the run's training time, {@code History.seconds()}
     */
    Map<String, Object> toJson(double trainSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, STARTUP, startupSeconds);
        put(m, TRAIN, trainSeconds);
        put(m, REPORT, reportSeconds);
        put(m, WALL, wallSeconds);
        return m;
    }

    /**
     * {@return the timings metrics.json recorded, NaN for any it lacks}
     *
     * @param metrics metrics.json's contents
     */
    public static RunTimings fromJson(Map<String, Object> metrics) {
        Map<?, ?> t = metrics.get("timings") instanceof Map<?, ?> map ? map : Map.of();
        return new RunTimings(number(t.get(STARTUP)), number(t.get(REPORT)), number(t.get(WALL)));
    }

    private static void put(Map<String, Object> m, String key, double seconds) {
        if (!Double.isNaN(seconds)) {
            m.put(key, toMillisecond(seconds));
        }
    }

    /**
     * {@return {@code seconds} rounded to the millisecond, as metrics.json records times}
     *
     * @param seconds a time in seconds
     */
    public static double toMillisecond(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }

    private static double number(Object value) {
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
