package dev.nn.plugins.init;

import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the options the registry would hand a provider: declared defaults overlaid with the given values. */
final class OptionsWithDefaults {
    private OptionsWithDefaults() {
    }

    static Options of(Provider provider, Map<String, Object> given) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            if (option.defaultValue() != null) {
                values.put(option.name(), option.defaultValue());
            }
        }
        values.putAll(given);
        return Options.of("model.layers[0].dense.init." + provider.name(), values, given.keySet());
    }

    /** Each declared option's default, by name, in declaration order. */
    static Map<String, Object> defaults(Provider provider) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (OptionSpec option : provider.options()) {
            defaults.put(option.name(), option.defaultValue());
        }
        return defaults;
    }
}
