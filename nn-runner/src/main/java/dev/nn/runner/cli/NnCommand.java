package dev.nn.runner.cli;

import dev.nn.api.ConfigException;
import dev.nn.core.registry.PluginJars;
import dev.nn.core.train.TrainingDivergedException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code nn} command and its subcommands. Exit codes are decided here, in one place: 0 success,
 * 2 bad usage, bad config or bad input file, 1 a failure during the run (such as divergence), 130
 * training stopped by Ctrl-C (128 + SIGINT, as shells report it).
 */
@Command(
        name = "nn",
        mixinStandardHelpOptions = true,
        versionProvider = NnCommand.Version.class,
        description = "Feed-forward neural networks: train, check and use YAML pipelines.")
public final class NnCommand implements Runnable {
    /** The subcommands, in the order the usage lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            TrainCommand.class,
            ValidateCommand.class,
            SummaryCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            ExportCommand.class,
            InfoCommand.class,
            ReportCommand.class,
            CompareCommand.class,
            PluginsCommand.class,
            SchemaCommand.class,
            CommandLine.HelpCommand.class);

    private static final Logger LOG = LoggerFactory.getLogger("nn");
    /** Exit status: success. */
    public static final int OK = 0;
    /** Exit status: a failure during the run (a diverging loss, say). */
    public static final int FAILED = 1;
    /** Exit status: bad usage, a bad config or a bad input file. */
    public static final int BAD_INPUT = 2;
    /** Exit status: stopped by Ctrl-C (128 + SIGINT, as shells report it). */
    public static final int INTERRUPTED = 130;

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and returns the exit code; output goes to {@code out} and {@code err}.
     *
     * @return the exit code
     * @param args the command line
     * @param out  where results go
     * @param err  where progress and errors go
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        NnCommand root = new NnCommand();
        CommandLine cli = commandLine(root, args);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, root.debug, errWriter));
        int code;
        try {
            code = cli.execute(args);
        } catch (OutOfMemoryError e) {
            // Sizes are checked before allocating where nn knows them; this is what is left, such as data
            // that fits in arrays but not in this JVM's heap. One line, like every other failure.
            errWriter.println("nn: out of memory (" + e.getMessage() + "); give Java more heap, for example"
                    + " JAVA_OPTS=-Xmx8g bin/nn ..., or use less data or a smaller network");
            LOG.debug("Details of the error above:", e);
            code = FAILED;
        } catch (LinkageError e) {
            // Errors pass picocli by; this one comes from code that cannot link, most likely a plugin's.
            code = report(e, root.debug, errWriter);
        }
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    /**
     * The command line for {@code args}: with only the subcommand they name, when they name one, for
     * picocli reads every subcommand's annotations as it is added (about 0.1 s for all of them, at
     * every start); with all of them otherwise, for the usage, {@code help} and a mistyped name.
     */
    static CommandLine commandLine(NnCommand root, String[] args) {
        CommandLine cli = new CommandLine(root);
        String first =
                Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
        Class<?> named = SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class)
                .filter(c -> c.getAnnotation(Command.class).name().equals(first))
                .findFirst()
                .orElse(null);
        for (Class<?> subcommand : SUBCOMMANDS) {
            if (named == null || subcommand == named) {
                cli.addSubcommand(subcommand);
            }
        }
        return cli;
    }

    /** One clear line per problem; a stack trace only with --debug. */
    static int report(Throwable e, boolean debug, PrintWriter err) {
        int code;
        Optional<String> plugin = e instanceof LinkageError ? PluginJars.blame(e) : Optional.empty();
        if (plugin.isPresent()) {
            // A plugin that does not fit this nn (a library missing from its jar, another nn-api): its packaging is the
            // input at fault.
            err.println("nn: " + plugin.get());
            code = BAD_INPUT;
        } else if (e instanceof Lines lines) {
            lines.lines().forEach(line -> err.println("nn: " + line));
            code = e instanceof Interrupted ? INTERRUPTED : BAD_INPUT;
        } else if (e instanceof ConfigException config) {
            config.problems().forEach(p -> err.println("nn: " + p));
            code = BAD_INPUT;
        } else if (e instanceof TrainingDivergedException) {
            err.println("nn: " + e.getMessage());
            code = FAILED;
        } else if (e instanceof UncheckedIOException io) {
            err.println("nn: " + io.getMessage());
            code = BAD_INPUT;
        } else {
            err.println("nn: internal error: " + e + (debug ? "" : " (run with --debug for details)"));
            code = FAILED;
        }
        err.flush();
        if (debug) {
            LOG.error("Details of the error above:", e);
        } else {
            LOG.debug("Details of the error above:", e);
        }
        return code;
    }

    /** An error already written as the lines the person reads. */
    abstract static class Lines extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<String> lines;

        Lines(List<String> lines, Throwable cause) {
            super(String.join("\n", lines), cause);
            this.lines = List.copyOf(lines);
        }

        List<String> lines() {
            return lines;
        }
    }

    /** Problems already turned into {@code file:line:col: path: message} lines. */
    static final class LocatedException extends Lines {
        private static final long serialVersionUID = 1L;

        LocatedException(List<String> lines, Throwable cause) {
            super(lines, cause);
        }
    }

    /** Training stopped by Ctrl-C; the lines say where and how to resume. */
    static final class Interrupted extends Lines {
        private static final long serialVersionUID = 1L;

        Interrupted(List<String> lines, Throwable cause) {
            super(lines, cause);
        }
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = NnCommand.class.getPackage().getImplementationVersion();
            return new String[] {
                "nn " + (v != null ? v : "0.1.0-SNAPSHOT"), "Java " + System.getProperty("java.version")
            };
        }
    }
}
