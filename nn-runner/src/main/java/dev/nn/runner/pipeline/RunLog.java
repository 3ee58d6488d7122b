package dev.nn.runner.pipeline;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Copies everything logged during a run, with timestamps and details, into the run folder's run.log,
 * from the start of the command: what is logged before the run folder exists (loading the data, which
 * says which task it inferred and how many rows it left out) is kept in memory by {@link #early} and
 * written first when the file opens.
 */
public final class RunLog implements AutoCloseable {
    private final FileAppender<ILoggingEvent> appender;
    private final Logger root;

    private RunLog(FileAppender<ILoggingEvent> appender, Logger root) {
        this.appender = appender;
        this.root = root;
    }

    /**
     * What is logged before the run folder exists, held until {@link #attach(Path, Early)} writes it
     * into run.log; nothing happens when logging is not Logback (for example in tests).
     */
    public static final class Early implements AutoCloseable {
        private final ListAppender<ILoggingEvent> events;
        private final Logger root;

        private Early(ListAppender<ILoggingEvent> events, Logger root) {
            this.events = events;
            this.root = root;
        }

        /** Stops holding events (a command that ends before it has a run folder keeps nothing). */
        @Override
        public void close() {
            if (events != null) {
                root.detachAppender(events);
                events.stop();
                events.list.clear();
            }
        }
    }

    /**
     * {@return a holder of what is logged from now until the run folder's run.log opens}
     */
    public static Early early() {
        if (!logback() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new Early(null, null);
        }
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.setContext(context);
        events.setName("run-log-early");
        events.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(events);
        return new Early(events, root);
    }

    /**
     * Starts writing {@code file}; does nothing visible when logging is not Logback (for example in tests).
     *
     * @return the log, to close when the run ends
     * @param file the run's run.log
     */
    public static RunLog attach(Path file) {
        return attach(file, null);
    }

    /**
     * Starts writing {@code file}, first with what {@code early} held (then closed); does nothing
     * visible when logging is not Logback (for example in tests).
     *
     * @return the log, to close when the run ends
     * @param file  the run's run.log
     * @param early what was logged before the file could open, or null
     */
    public static RunLog attach(Path file, Early early) {
        if (!logback() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return new RunLog(null, null);
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("run-log");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (early != null && early.events != null) {
            // Detached first, so that nothing is both held and written; then written in the order logged.
            root.detachAppender(early.events);
            List<ILoggingEvent> held = List.copyOf(early.events.list);
            early.close();
            held.forEach(appender::doAppend);
        }
        root.addAppender(appender);
        return new RunLog(appender, root);
    }

    /**
     * Whether SLF4J logs through Logback, asked by class name first: under {@code spark-submit} logging is
     * Spark's log4j2 and Logback's classes are absent, so naming them would fail.
     */
    private static boolean logback() {
        return LoggerFactory.getILoggerFactory().getClass().getName().startsWith("ch.qos.logback.");
    }

    @Override
    public void close() {
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }
}
