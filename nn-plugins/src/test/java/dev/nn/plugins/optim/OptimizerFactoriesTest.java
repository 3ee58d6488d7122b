package dev.nn.plugins.optim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.OptimizerProvider;
import dev.nn.api.OptionSpec;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.plugins.Optimizers;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OptimizerFactoriesTest {

    @Test
    void sgdSpecListsOnlyTheOptionsSetUnderTheirYamlNames() {
        assertThat(Optimizers.sgd(0.1).options()).containsExactly(Map.entry("lr", 0.1));
        SgdSpec spec = Optimizers.sgd(0.1).momentum(0.9).nesterov().weightDecay(1e-4);
        assertThat(spec.name()).isEqualTo("sgd");
        assertThat(spec.options())
                .containsExactly(
                        Map.entry("lr", 0.1),
                        Map.entry("momentum", 0.9),
                        Map.entry("nesterov", true),
                        Map.entry("weight_decay", 1e-4));
    }

    @Test
    void specsAreImmutable() {
        SgdSpec plain = Optimizers.sgd(0.1);
        plain.momentum(0.9);
        assertThat(plain.options()).containsOnlyKeys("lr");
        assertThat(plain).isEqualTo(Optimizers.sgd(0.1)).isNotEqualTo(Optimizers.sgd(0.2));
    }

    @Test
    void adamSpecSetsLearningRateAndMoments() {
        assertThat(Optimizers.adam().name()).isEqualTo("adam");
        assertThat(Optimizers.adam().options()).isEmpty();
        assertThat(Optimizers.adam(0.01)
                        .beta1(0.8)
                        .beta2(0.99)
                        .eps(1e-7)
                        .weightDecay(0.5)
                        .options())
                .containsExactly(
                        Map.entry("lr", 0.01),
                        Map.entry("beta1", 0.8),
                        Map.entry("beta2", 0.99),
                        Map.entry("eps", 1e-7),
                        Map.entry("weight_decay", 0.5));
    }

    @Test
    void rmspropSpecSetsRhoAndEps() {
        RmspropSpec spec = Optimizers.rmsprop(0.002).rho(0.95).eps(1e-6);
        assertThat(spec.name()).isEqualTo("rmsprop");
        assertThat(spec.options())
                .containsExactly(Map.entry("lr", 0.002), Map.entry("rho", 0.95), Map.entry("eps", 1e-6));
        assertThat(spec).hasToString("rmsprop{lr=0.002, rho=0.95, eps=1.0E-6}");
    }

    @Test
    void theNewOptionsAndOptimizersGoUnderTheirYamlNames() {
        assertThat(Optimizers.sgd(0.1).momentum(0.9).dampening(0.2).options())
                .containsExactly(Map.entry("lr", 0.1), Map.entry("momentum", 0.9), Map.entry("dampening", 0.2));
        assertThat(Optimizers.rmsprop(0.01).momentum(0.5).centered().options())
                .containsExactly(Map.entry("lr", 0.01), Map.entry("momentum", 0.5), Map.entry("centered", true));
        assertThat(Optimizers.adagrad(0.05)).isEqualTo(Spec.of("adagrad").with("lr", 0.05));
        assertThat(Optimizers.nadam(0.01)).isEqualTo(Spec.of("nadam").with("lr", 0.01));
    }

    @Test
    void everyFactoryOptionIsDeclaredByItsProvider() {
        List<Spec> specs = List.of(
                Optimizers.sgd(0.1).momentum(0.9).nesterov().weightDecay(0.1),
                Optimizers.adam(0.1).beta1(0.8).beta2(0.9).eps(1e-6).weightDecay(0.1),
                Optimizers.rmsprop(0.1).rho(0.8).eps(1e-6).momentum(0.5).centered(),
                Optimizers.sgd(0.1).momentum(0.9).dampening(0.1),
                Optimizers.adagrad(0.1),
                Optimizers.nadam(0.1));
        Map<String, OptimizerProvider> providers = loadProviders();
        for (Spec spec : specs) {
            assertThat(providers).containsKey(spec.name());
            assertThat(optionNames(providers.get(spec.name())))
                    .containsAll(spec.options().keySet());
        }
    }

    @Test
    void serviceFileListsEveryBuiltInOptimizer() {
        assertThat(loadProviders()).containsOnlyKeys("sgd", "adam", "rmsprop", "adamw", "adagrad", "nadam");
    }

    private static Map<String, OptimizerProvider> loadProviders() {
        return ServiceLoader.load(OptimizerProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.getClass().getPackageName().equals("dev.nn.plugins.optim"))
                .collect(Collectors.toMap(Provider::name, p -> p));
    }

    private static List<String> optionNames(Provider provider) {
        return provider.options().stream().map(OptionSpec::name).toList();
    }
}
