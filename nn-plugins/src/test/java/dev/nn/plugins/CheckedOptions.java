package dev.nn.plugins;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.testkit.TestRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** The options a provider receives, made by the real registry (defaults filled, values checked), for provider tests. */
public final class CheckedOptions {
    private CheckedOptions() {}

    /** {@code given} checked against {@code provider}'s declarations as if it stood at option path {@code where}. */
    public static Options of(Provider provider, String where, Map<String, ?> given) {
        return TestRegistry.options(provider, given, where);
    }

    /** Each declared option's default, by name, in declaration order. */
    public static Map<String, Object> defaults(Provider provider) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            defaults.put(option.name(), option.defaultValue());
        }
        return defaults;
    }
}
