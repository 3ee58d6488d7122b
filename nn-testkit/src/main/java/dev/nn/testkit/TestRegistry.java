package dev.nn.testkit;

import dev.nn.api.ComponentKind;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A registry for tests: the providers on the class path (a plugin's own, when its tests run in its
 * build, and nn's built-ins if they are there), the providers a test hands over, and the test
 * kit's loss {@value #LOSS} and optimizer {@value #OPTIMIZER}, so a layer can be trained without
 * nn-plugins.
 */
public final class TestRegistry {
    /** The test kit's loss: half the squared error, summed over outputs, averaged over the batch. */
    public static final String LOSS = "testkit_mse";

    /** The test kit's optimizer: plain gradient descent with option {@code lr}. */
    public static final String OPTIMIZER = "testkit_sgd";

    private TestRegistry() {}

    /**
     * The class path's providers plus {@code providers} (those of them not found there already)
     * plus the kit's loss and optimizer.
     *
     * @throws dev.nn.api.ConfigException when a provider's name is taken by another class
     * @param providers the providers under test
     * @return the registry
     */
    public static PluginRegistry with(Provider... providers) {
        PluginRegistry registry = PluginRegistry.defaultRegistry();
        List<Provider> extra = new ArrayList<>(List.of(new KitLoss.Provider(), new KitSgd.Provider()));
        for (Provider provider : providers) {
            if (!registered(registry, provider) && extra.stream().noneMatch(p -> p.getClass() == provider.getClass())) {
                extra.add(provider);
            }
        }
        return registry.withProviders("nn-testkit", extra);
    }

    /**
     * {@code given} checked against {@code provider}'s declared options as the registry checks a
     * config: defaults filled in, types and ranges checked.
     *
     * @param where the option path to report problems at ({@code model.layers[0]})
     * @throws dev.nn.api.ConfigException listing every problem, each with its option path
     * @param provider the provider whose options these are
     * @param given    the options as a config would give them
     * @return the checked options
     */
    public static Options options(Provider provider, Map<String, ?> given, String where) {
        return with(provider).options(kindOf(provider), Spec.of(provider.name(), given), where);
    }

    /**
     * {@return the kind of component {@code provider} makes}
     *
     * @param provider a provider of any kind
     */
    public static ComponentKind kindOf(Provider provider) {
        for (ComponentKind kind : ComponentKind.values()) {
            if (kind.providerType().isInstance(provider)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                provider.getClass().getName() + " implements no provider interface of dev.nn.api");
    }

    private static boolean registered(PluginRegistry registry, Provider provider) {
        Provider there = registry.providers(kindOf(provider)).get(provider.name());
        return there != null && there.getClass() == provider.getClass();
    }
}
