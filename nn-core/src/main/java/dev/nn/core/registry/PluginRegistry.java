package dev.nn.core.registry;

import dev.nn.api.ComponentKind;
import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.Dataset;
import dev.nn.api.DatasetProvider;
import dev.nn.api.Engine;
import dev.nn.api.EngineProvider;
import dev.nn.api.InitContext;
import dev.nn.api.Initializer;
import dev.nn.api.InitializerProvider;
import dev.nn.api.Loss;
import dev.nn.api.LossProvider;
import dev.nn.api.Optimizer;
import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Preprocessor;
import dev.nn.api.PreprocessorProvider;
import dev.nn.api.Provider;
import dev.nn.api.Schedule;
import dev.nn.api.ScheduleProvider;
import dev.nn.api.Spec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every provider of every kind, found with {@link ServiceLoader}: the one place that knows about
 * service loading, resolves names to providers and checks options.
 *
 * <p>Providers come from {@link PluginSource}s: nn's own class path, then plugin jars, each in a
 * class loader of its own ({@link PluginJars}). Every provider remembers its source, so that two
 * providers of one kind with one name are an error naming both classes and both sources, and
 * {@code nn plugins} can say where each came from. A plugin that fails to load is an error naming
 * its jar and class. Looking up an unknown name fails with the known names and the closest one.
 */
public final class PluginRegistry {
    /**
     * The most threads an engine may have. More than any machine nn runs on has cores, and few enough
     * that a mistyped count cannot make the engine allocate per-thread state it can never use.
     */
    public static final int MAX_THREADS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);
    private static final AtomicBoolean WARNED_FALLBACK = new AtomicBoolean();
    private static volatile PluginRegistry defaultRegistry;

    private final Map<ComponentKind, Map<String, Provider>> providers;
    private final Map<Provider, PluginSource> sources;
    private final List<PluginSource> allSources;

    private PluginRegistry(
            Map<ComponentKind, Map<String, Provider>> providers,
            Map<Provider, PluginSource> sources,
            List<PluginSource> allSources) {
        this.providers = providers;
        this.sources = sources;
        this.allSources = List.copyOf(allSources);
    }

    /** {@return the providers visible to nn's own class loader (the classpath), loaded once} */
    public static PluginRegistry defaultRegistry() {
        PluginRegistry registry = defaultRegistry;
        if (registry == null) {
            synchronized (PluginRegistry.class) {
                registry = defaultRegistry;
                if (registry == null) {
                    registry = load(PluginRegistry.class.getClassLoader());
                    defaultRegistry = registry;
                }
            }
        }
        return registry;
    }

    /**
     * Discovers every provider kind through {@link ServiceLoader} on {@code loader}, as the class path.
     *
     * @throws ConfigException when two providers of a kind share a name, or a provider cannot be loaded
     * @param loader the class loader to look in
     * @return the registry
     */
    public static PluginRegistry load(ClassLoader loader) {
        return new Collector().discover(PluginSource.classpath(loader)).build();
    }

    /**
     * This registry plus the providers of the plugin jars and folders under {@code plugins} (see
     * {@link PluginJars} for what a path may be and what a plugin sees).
     *
     * @throws ConfigException naming the jar (and class) of every plugin that cannot be used, and
     *                         both sources of every name given twice
     * @param plugins plugin jars or folders
     * @return the new registry
     */
    public PluginRegistry withPlugins(List<Path> plugins) {
        return withSources(PluginJars.open(plugins, List.of()));
    }

    /**
     * This registry plus the providers that {@link ServiceLoader} finds in each source.
     *
     * @throws ConfigException as {@link #withPlugins(List)}
     * @param plugins the opened plugins
     * @return the new registry
     */
    public PluginRegistry withSources(List<PluginSource> plugins) {
        Collector collector = new Collector().copy(this);
        plugins.forEach(collector::discover);
        return collector.build();
    }

    /**
     * This registry plus {@code extra} providers, handed over as objects rather than found (a test
     * registers the provider it tests this way); {@code label} names them in messages.
     *
     * @throws ConfigException when one of them has the name of a provider already registered
     * @param label how messages name where they came from
     * @param extra the providers to add
     * @return the new registry
     */
    public PluginRegistry withProviders(String label, Collection<? extends Provider> extra) {
        Collector collector = new Collector().copy(this);
        PluginSource source = PluginSource.given(label);
        collector.sources.add(source);
        for (Provider provider : extra) {
            collector.add(provider, source);
        }
        return collector.build();
    }

    /**
     * {@return the providers of {@code kind}, by name}
     *
     * @param kind the kind
     */
    public Map<String, Provider> providers(ComponentKind kind) {
        return providers.get(kind);
    }

    /**
     * {@return where {@code provider} came from: the class path, a plugin jar, or a label it was given under}
     *
     * @param provider a provider of this registry
     */
    public PluginSource source(Provider provider) {
        PluginSource source = sources.get(provider);
        if (source == null) {
            throw new IllegalArgumentException(provider.getClass().getName() + " is not a provider of this registry");
        }
        return source;
    }

    /** {@return every source of this registry, the class path first} */
    public List<PluginSource> sources() {
        return allSources;
    }

    /**
     * Every implementation of a service type other than the provider kinds that the class path and
     * each plugin list in {@code META-INF/services} (the runner's Guice modules), in source order.
     *
     * @throws ConfigException naming the jar and class of every one that cannot be loaded
     * @param <S>  the service type
     * @param type the service interface
     * @return the services found, in the order of their sources
     */
    public <S> List<S> services(Class<S> type) {
        List<Problem> problems = new ArrayList<>();
        List<S> found = new ArrayList<>();
        for (PluginSource source : allSources) {
            found.addAll(ServiceDiscovery.find(type, source, problems));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return found;
    }

    /** Gathers providers from sources, checking each and every name; the problems are thrown together. */
    private static final class Collector {
        private final Map<ComponentKind, Map<String, Provider>> byKind = new EnumMap<>(ComponentKind.class);
        private final Map<Provider, PluginSource> sourceOf = new IdentityHashMap<>();
        private final List<PluginSource> sources = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        Collector() {
            for (ComponentKind kind : ComponentKind.values()) {
                byKind.put(kind, new TreeMap<>());
            }
        }

        Collector copy(PluginRegistry registry) {
            sources.addAll(registry.allSources);
            registry.providers.forEach((kind, byName) -> byKind.get(kind).putAll(byName));
            sourceOf.putAll(registry.sources);
            return this;
        }

        Collector discover(PluginSource source) {
            sources.add(source);
            for (ComponentKind kind : ComponentKind.values()) {
                for (Provider provider : ServiceDiscovery.find(kind.providerType(), source, problems)) {
                    add(kind, provider, source);
                }
            }
            return this;
        }

        void add(Provider provider, PluginSource source) {
            for (ComponentKind kind : ComponentKind.values()) {
                if (kind.providerType().isInstance(provider)) {
                    add(kind, provider, source);
                }
            }
        }

        private void add(ComponentKind kind, Provider provider, PluginSource source) {
            String className = provider.getClass().getName();
            String name;
            try {
                // What nn plugins and the option checker call, so a plugin that throws here fails now, by name.
                name = provider.name();
                provider.description();
                provider.options();
            } catch (RuntimeException | LinkageError e) {
                problems.add(new Problem(
                        source.label(),
                        "cannot use " + className + " (a " + kind.label()
                                + " provider): asked for its name, description and options, it threw "
                                + (e instanceof LinkageError
                                        ? ServiceDiscovery.reason(kind.providerType(), e)
                                        : ServiceDiscovery.describe(e))));
                return;
            }
            if (name == null || name.isBlank()) {
                problems.add(new Problem(
                        source.label(),
                        className + " (a " + kind.label() + " provider) has no name;"
                                + " name() must return the name used in configs"));
                return;
            }
            Provider previous = byKind.get(kind).putIfAbsent(name, provider);
            if (previous != null) {
                problems.add(new Problem(
                        "plugins",
                        "two " + kind.label() + " providers are named '" + name + "': "
                                + previous.getClass().getName() + " (" + sourceOf.get(previous) + ") and " + className
                                + " ("
                                + source + "); remove one of the jars or rename one provider"));
                return;
            }
            sourceOf.put(provider, source);
        }

        PluginRegistry build() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            Map<ComponentKind, Map<String, Provider>> frozen = new EnumMap<>(ComponentKind.class);
            byKind.forEach((kind, byName) -> frozen.put(kind, Collections.unmodifiableMap(new TreeMap<>(byName))));
            return new PluginRegistry(frozen, Collections.unmodifiableMap(new IdentityHashMap<>(sourceOf)), sources);
        }
    }

    /**
     * {@return true when a provider of {@code kind} is named {@code name}}
     *
     * @param kind the kind
     * @param name the provider name
     */
    public boolean contains(ComponentKind kind, String name) {
        return providers.get(kind).containsKey(name);
    }

    /**
     * The provider of {@code kind} named {@code name}.
     *
     * @param where the option path to name in the error ({@code model.layers[2]})
     * @throws ConfigException for an unknown name, listing the known ones and the closest
     * @param <P>  the provider type of {@code kind}
     * @param kind the kind
     * @param name the provider name
     * @return the provider
     */
    public <P extends Provider> P provider(ComponentKind kind, String name, String where) {
        Provider provider = providers.get(kind).get(name);
        if (provider == null) {
            throw new ConfigException(where, unknownMessage(kind, name));
        }
        @SuppressWarnings("unchecked")
        P typed = (P) kind.providerType().cast(provider);
        return typed;
    }

    String unknownMessage(ComponentKind kind, String name) {
        var known = providers.get(kind).keySet();
        return "unknown " + kind.label() + " '" + name + "'" + DidYouMean.hint(name, known) + "; known " + kind.plural()
                + ": " + (known.isEmpty() ? "none" : String.join(", ", known));
    }

    /**
     * {@return the checked options of {@code spec}, with relative paths resolved against the working directory}
     *
     * @param kind  the kind
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Options options(ComponentKind kind, Spec spec, String where) {
        return options(kind, spec, where, Path.of("").toAbsolutePath());
    }

    /**
     * The checked options of {@code spec} for the provider of {@code kind} it names: unknown keys,
     * wrong types, values out of range and missing required options are all reported together.
     *
     * @param where   the option path of the spec, used in every message
     * @param baseDir the folder relative paths are resolved against
     * @throws ConfigException listing every problem found
     * @param kind the kind
     * @param spec the name and options
     * @return the checked options
     */
    public Options options(ComponentKind kind, Spec spec, String where, Path baseDir) {
        List<Problem> problems = new ArrayList<>();
        Options options = check(kind, spec, where, baseDir, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return options;
    }

    /**
     * Like {@link #options(ComponentKind, Spec, String, Path)}, but adds problems to {@code problems}
     * instead of throwing, for callers that report every problem in a file at once. Returns null
     * when the spec has problems.
     *
     * @param kind     the kind
     * @param spec     the name and options
     * @param where    the option path, for messages
     * @param baseDir  what relative paths are resolved against
     * @param problems where problems are added
     * @return the checked options
     */
    public Options check(ComponentKind kind, Spec spec, String where, Path baseDir, List<Problem> problems) {
        Provider provider = providers.get(kind).get(spec.name());
        if (provider == null) {
            problems.add(new Problem(where, unknownMessage(kind, spec.name())));
            return null;
        }
        OptionChecker checker = new OptionChecker(this, baseDir);
        Options options = checker.check(provider, spec, OptionChecker.join(where, spec.name()));
        problems.addAll(checker.problems());
        return checker.problems().isEmpty() ? options : null;
    }

    /**
     * What a {@link dev.nn.api.LayerProvider} gets to create a layer: {@code random} for new
     * parameters, and initializer names resolved in this registry (problems reported at {@code where}).
     *
     * @param random the seeded random source of the initializers
     * @param where  the option path, for messages
     * @return the context
     */
    public InitContext initContext(RandomGenerator random, String where) {
        return new InitContext() {
            @Override
            public RandomGenerator random() {
                return random;
            }

            @Override
            public Initializer initializer(Spec spec) {
                return PluginRegistry.this.initializer(spec, where);
            }
        };
    }

    /**
     * {@return a loss from a spec ({@code softmax_cross_entropy})}
     *
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Loss loss(Spec spec, String where) {
        LossProvider provider = provider(ComponentKind.LOSS, spec.name(), where);
        return provider.create(options(ComponentKind.LOSS, spec, where));
    }

    /**
     * {@return an optimizer from a spec ({@code {sgd: {lr: 0.1}}})}
     *
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Optimizer optimizer(Spec spec, String where) {
        OptimizerProvider provider = provider(ComponentKind.OPTIMIZER, spec.name(), where);
        return provider.create(options(ComponentKind.OPTIMIZER, spec, where));
    }

    /**
     * {@return an initializer from a spec ({@code he_normal})}
     *
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Initializer initializer(Spec spec, String where) {
        InitializerProvider provider = provider(ComponentKind.INITIALIZER, spec.name(), where);
        return provider.create(options(ComponentKind.INITIALIZER, spec, where));
    }

    /**
     * {@return a learning-rate schedule from a spec ({@code {step: {every: 10}}})}
     *
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Schedule schedule(Spec spec, String where) {
        ScheduleProvider provider = provider(ComponentKind.SCHEDULE, spec.name(), where);
        return provider.create(options(ComponentKind.SCHEDULE, spec, where));
    }

    /**
     * {@return a preprocessing step from a spec ({@code standardize}, {@code {scale: {factor: 0.5}}})}
     *
     * @param spec  the name and options
     * @param where the option path, for messages
     */
    public Preprocessor preprocessor(Spec spec, String where) {
        PreprocessorProvider provider = provider(ComponentKind.PREPROCESSOR, spec.name(), where);
        return provider.create(options(ComponentKind.PREPROCESSOR, spec, where));
    }

    /**
     * Loads a dataset. A provider that declares an integer option {@code seed} gets {@code seed}
     * there unless the spec sets it, so generated data follows the run's seed.
     *
     * @throws UncheckedIOException when reading fails for a reason other than bad content
     * @param spec    the name and options
     * @param where   the option path, for messages
     * @param baseDir what relative paths are resolved against
     * @param seed    seeds generated data
     * @return the dataset
     */
    public Dataset dataset(Spec spec, String where, Path baseDir, long seed) {
        DatasetProvider provider = provider(ComponentKind.DATASET, spec.name(), where);
        Spec effective = spec;
        boolean takesSeed = provider.options().stream()
                .anyMatch(o -> o.name().equals("seed") && o.type() == OptionSpec.Type.INTEGER);
        if (takesSeed && !spec.options().containsKey("seed")) {
            effective = spec.with("seed", Long.hashCode(seed) & Integer.MAX_VALUE);
        }
        Options options = options(ComponentKind.DATASET, effective, where, baseDir);
        try {
            return provider.load(options);
        } catch (IOException e) {
            throw new UncheckedIOException(OptionChecker.join(where, spec.name()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * An engine with {@code threads} threads: the named one, or the available engine of highest
     * priority. Falling back from a faster engine that this JVM cannot run logs a one-time warning
     * saying how to enable it.
     *
     * @param name    the engine's name, or null for the best available
     * @param threads the number of threads
     * @return the engine
     */
    public Engine engine(String name, int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ConfigException("threads", "threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
        if (name != null) {
            EngineProvider provider = provider(ComponentKind.ENGINE, name, "engine");
            if (!provider.isAvailable()) {
                throw new ConfigException(
                        "engine", "engine '" + name + "' is not available in this JVM: " + provider.description());
            }
            return provider.create(threads);
        }
        List<EngineProvider> ranked = new ArrayList<>();
        for (Provider p : providers.get(ComponentKind.ENGINE).values()) {
            ranked.add((EngineProvider) p);
        }
        ranked.sort(Comparator.comparingInt(EngineProvider::priority).reversed());
        EngineProvider chosen = ranked.stream()
                .filter(EngineProvider::isAvailable)
                .findFirst()
                .orElseThrow(() -> new ConfigException(
                        "engine", "no compute engine is available; nn-core is missing from the classpath"));
        String warning = fallbackWarning(chosen, ranked);
        if (warning != null && WARNED_FALLBACK.compareAndSet(false, true)) {
            LOG.warn(warning);
        }
        return chosen.create(threads);
    }

    /**
     * The warning for choosing {@code chosen} over faster engines this JVM cannot run, or null when
     * it is the fastest; each passed-over engine's description says what it needs.
     */
    static String fallbackWarning(EngineProvider chosen, List<EngineProvider> ranked) {
        List<String> fasterOnes = new ArrayList<>();
        for (EngineProvider provider : ranked) {
            if (provider.priority() > chosen.priority() && !provider.isAvailable()) {
                fasterOnes.add("'" + provider.name() + "' engine: " + provider.description());
            }
        }
        if (fasterOnes.isEmpty()) {
            return null;
        }
        return "Using the '" + chosen.name() + "' compute engine because this JVM cannot run the faster "
                + String.join(", nor the ", fasterOnes);
    }

    /** {@return every provider name of every kind, for listings} */
    public Map<ComponentKind, List<String>> names() {
        Map<ComponentKind, List<String>> names = new LinkedHashMap<>();
        providers.forEach((kind, byName) -> names.put(kind, List.copyOf(byName.keySet())));
        return names;
    }
}
