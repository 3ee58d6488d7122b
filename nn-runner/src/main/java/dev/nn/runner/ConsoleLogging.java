package dev.nn.runner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.NopStatusListener;
import java.util.List;

/**
 * The {@code nn} command's console logging, set up in code (Logback finds it through
 * {@code ServiceLoader}): the message only, on standard error, from INFO up, with warnings and errors
 * marked ({@code WARN: ...}); each run's {@code run.log} gets the details (see
 * {@link dev.nn.runner.pipeline.RunLog}). An XML file would cost every start Logback's XML parser
 * and pattern compiler, about 0.1 s on a 2-core machine. A file named by the system property
 * {@code logback.configurationFile} still replaces this.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The loggers of Spark and of the libraries it runs on, by name (nn-runner has no Spark classes). */
    static final List<String> SPARK_LOGGERS =
            List.of("org.apache.spark", "org.sparkproject", "org.apache.hadoop", "org.apache.parquet", "io.netty");

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getStatusManager().add(new NopStatusListener());
        MessageLayout layout = new MessageLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ThresholdFilter info = new ThresholdFilter();
        info.setLevel(Level.INFO.levelStr);
        info.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget("System.err");
        console.addFilter(info);
        console.setEncoder(encoder);
        console.start();
        context.getLogger("com.google").setLevel(Level.WARN);
        // With nn-spark (distributed: in a config), Spark and what it brings log thousands of INFO and DEBUG lines
        // a run: their warnings are what a user of nn needs, on the console and in run.log.
        for (String chatty : SPARK_LOGGERS) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.DEBUG);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code WARN: } or {@code ERROR: } before the message (nothing for INFO), then any exception's stack trace. */
    static final class MessageLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                line.append(event.getLevel().levelStr).append(": ");
            }
            line.append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown));
            }
            return line.toString();
        }
    }
}
