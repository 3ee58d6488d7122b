package dev.nn.core.registry;

import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Spi;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the implementations of one service type in one {@link PluginSource} with
 * {@link ServiceLoader}, and turns each way a plugin can fail to load into a one-line problem
 * naming the source and the class.
 */
final class ServiceDiscovery {
    /** A safety net against an iterator that keeps failing on the same entry; no real list is this long. */
    private static final int MAX_ENTRIES = 100_000;

    private static final Pattern CLASS_FILE_VERSION = Pattern.compile("class file version (\\d+)");

    private ServiceDiscovery() {}

    /** The instances of {@code type} that {@code source} lists, in order; failures go to {@code problems}. */
    static <S> List<S> find(Class<S> type, PluginSource source, List<Problem> problems) {
        List<S> found = new ArrayList<>();
        if (source.loader() == null) {
            return found;
        }
        List<String> listed;
        try {
            listed = listed(type, source.loader());
        } catch (IOException e) {
            problems.add(new Problem(
                    source.label(), "cannot read META-INF/services/" + type.getName() + ": " + e.getMessage()));
            return found;
        }
        // ServiceLoader loads the listed classes in order, one per step, whether the step succeeds or fails.
        Set<String> seen = new LinkedHashSet<>();
        Iterator<S> it = ServiceLoader.load(type, source.loader()).iterator();
        for (int step = 0; step < MAX_ENTRIES; step++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                S service = it.next();
                seen.add(service.getClass().getName());
                found.add(service);
            } catch (ServiceConfigurationError | LinkageError e) {
                String failed = failedClass(type, e, listed, seen);
                seen.add(failed);
                problems.add(new Problem(
                        source.label(),
                        "cannot load "
                                + (failed.isEmpty()
                                        ? "a " + type.getSimpleName()
                                        : failed + " (listed as a " + type.getSimpleName() + ")")
                                + ": " + reason(type, e)));
            }
        }
        return found;
    }

    /** The class names the services files visible to {@code loader} list for {@code type}, as ServiceLoader reads them. */
    private static List<String> listed(Class<?> type, ClassLoader loader) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Enumeration<URL> files = loader.getResources("META-INF/services/" + type.getName());
        while (files.hasMoreElements()) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** The class a failed step was loading: named in a ServiceConfigurationError's message, else the next one listed. */
    private static String failedClass(Class<?> type, Throwable e, List<String> listed, Set<String> seen) {
        if (e instanceof ServiceConfigurationError) {
            String message = String.valueOf(e.getMessage());
            String text = message.startsWith(type.getName() + ": ")
                    ? message.substring(type.getName().length() + 2)
                    : message;
            String candidate = text.startsWith("Provider ") ? text.substring("Provider ".length()) : text;
            int space = candidate.indexOf(' ');
            String name = space < 0 ? candidate : candidate.substring(0, space);
            if (listed.contains(name)) {
                return name;
            }
        }
        return listed.stream().filter(name -> !seen.contains(name)).findFirst().orElse("");
    }

    /** Why a provider did not load, in words a plugin author can act on. */
    static String reason(Class<?> type, Throwable e) {
        if (e instanceof ServiceConfigurationError) {
            String message = String.valueOf(e.getMessage());
            Throwable cause = e.getCause();
            if (message.endsWith(" could not be instantiated") && cause != null) {
                return cause instanceof LinkageError ? reason(type, cause) : "its constructor threw " + describe(cause);
            }
            if (message.endsWith(" not found")) {
                return "the class is listed in META-INF/services/" + type.getName() + " but is not in the plugin";
            }
            if (message.endsWith(" not a subtype")) {
                return "it does not implement " + type.getName();
            }
            if (message.contains("Unable to get public no-arg constructor")) {
                return "it has no public constructor without parameters";
            }
            return message.startsWith(type.getName() + ": ")
                    ? message.substring(type.getName().length() + 2)
                    : message;
        }
        if (e instanceof UnsupportedClassVersionError) {
            int running = Runtime.version().feature();
            Matcher m = CLASS_FILE_VERSION.matcher(String.valueOf(e.getMessage()));
            String built = m.find() ? "Java " + (Integer.parseInt(m.group(1)) - 44) : "a newer Java";
            return "it was compiled for " + built + " but nn runs on Java " + running
                    + "; compile the plugin with --release " + Math.min(running, 17) + " (or run nn on a newer Java)";
        }
        if (e instanceof NoClassDefFoundError) {
            String missing = String.valueOf(e.getMessage()).replace('/', '.');
            if (missing.startsWith("dev.nn.") && !missing.startsWith(Spi.class.getPackageName() + ".")) {
                return "it uses " + missing + ", which is internal to nn: a plugin sees only "
                        + Spi.class.getPackageName() + " (and the JDK)";
            }
            return "class " + missing + " is missing: shade the plugin's libraries into its jar or list them in its"
                    + " manifest Class-Path";
        }
        if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            return "its static initializer threw " + describe(e.getCause());
        }
        if (e instanceof IncompatibleClassChangeError) {
            return "it does not fit this nn's SPI " + Spi.VERSION + " (" + describe(e)
                    + "); rebuild it against this nn's nn-api";
        }
        return describe(e);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName()
                + (message == null || message.isBlank() ? "" : ": " + message.replace('\n', ' '));
    }
}
