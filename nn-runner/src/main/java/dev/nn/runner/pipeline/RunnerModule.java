package dev.nn.runner.pipeline;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.nn.api.Engine;
import dev.nn.core.registry.PluginRegistry;
import dev.nn.core.train.TrainingListener;
import dev.nn.runner.config.PipelineConfig;
import dev.nn.runner.report.PlotReports;
import dev.nn.runner.report.ReportWriter;
import dev.nn.runner.report.StandardReports;

/**
 * Wires a pipeline: the registry (with the config's plugin folders), the engine, the training
 * listeners and the report writers (the run's files, then the plots; {@link dev.nn.runner.report.HtmlReport} runs after
 * all of them). A plugin jar can add listeners or writers by listing a Guice {@link Module} in
 * {@code META-INF/services/com.google.inject.Module} (the registry finds them, on the class path and
 * in every plugin jar); report.html shows a plugin's PNG files too.
 */
public final class RunnerModule extends AbstractModule {
    private final PipelineConfig config;
    private final PluginRegistry registry;

    /**
     * The bindings of one run.
     *
     * @param config   the resolved config
     * @param registry the registry of its components
     */
    public RunnerModule(PipelineConfig config, PluginRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    @Override
    protected void configure() {
        bind(PipelineConfig.class).toInstance(config);
        bind(PluginRegistry.class).toInstance(registry);
        Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
        listeners.addBinding().to(ProgressListener.class);
        Multibinder<ReportWriter> writers = Multibinder.newSetBinder(binder(), ReportWriter.class);
        writers.addBinding().to(StandardReports.Config.class);
        writers.addBinding().to(StandardReports.HistoryCsv.class);
        writers.addBinding().to(StandardReports.Metrics.class);
        writers.addBinding().to(StandardReports.TextReport.class);
        writers.addBinding().to(StandardReports.Model.class);
        writers.addBinding().to(StandardReports.Predictions.class);
        writers.addBinding().to(PlotReports.class);
        for (Module module : registry.services(Module.class)) {
            install(module);
        }
    }

    @Provides
    @Singleton
    Engine engine() {
        int threads = config.threads() != null
                ? config.threads()
                : Runtime.getRuntime().availableProcessors();
        return registry.engine(null, threads);
    }
}
