package dev.nn.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nn.api.ConfigException;
import dev.nn.api.ConfigException.Problem;
import dev.nn.api.OptionSpec;
import dev.nn.api.Options;
import dev.nn.api.Provider;
import dev.nn.api.Spec;
import dev.nn.core.registry.PluginRegistry;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every provider must do, whatever it makes: have a usable name, description and option
 * declarations, and have its options checked before it is asked to create anything. The base of
 * {@link LayerContract} and {@link LossContract}.
 *
 * <p>Extend {@link LayerContract} or {@link LossContract} in a test class, supply the provider (and
 * options and sizes where the defaults do not fit), and JUnit runs every test here on it. To leave
 * out one inherited test, override it without {@code @Test} and say why in a comment.
 *
 * @param <P> the provider interface
 */
public abstract class ProviderContract<P extends Provider> {
    /** The option path problems are reported at, as if the component stood in a config. */
    protected static final String WHERE = "contract";

    /** {@return the provider under test} */
    protected abstract P provider();

    /** {@return the options to test with, as written in YAML; by default none (every option at its default)} */
    protected Map<String, ?> options() {
        return Map.of();
    }

    /** {@return the registry the test resolves names in: the class path plus the provider under test} */
    protected PluginRegistry registry() {
        return TestRegistry.with(provider());
    }

    /** {@return {@link #options()} as the provider receives them: checked, with defaults filled in} */
    protected final Options checkedOptions() {
        return registry()
                .options(TestRegistry.kindOf(provider()), Spec.of(provider().name(), options()), WHERE);
    }

    /** The provider has a lower_snake_case name, a description, and options with unique names. */
    @Test
    public void hasALowerSnakeCaseNameADescriptionAndOptionsWithUniqueNames() {
        P provider = provider();
        assertThat(provider.name()).as("name()").matches("[a-z][a-z0-9_]*");
        assertThat(provider.description())
                .as("description() of %s", provider.name())
                .isNotBlank();
        Set<String> names = new HashSet<>();
        for (OptionSpec option : provider.options()) {
            assertThat(option.name())
                    .as("an option name of %s", provider.name())
                    .matches("[a-z][a-z0-9_]*");
            assertThat(names.add(option.name()))
                    .as("%s declares option '%s' twice", provider.name(), option.name())
                    .isTrue();
            assertThat(option.description())
                    .as("description of option '%s'", option.name())
                    .isNotBlank();
        }
    }

    /** The test options and every default pass their own checks. */
    @Test
    public void theTestOptionsAndEveryDefaultPassTheirOwnChecks() {
        checkedOptions();
        for (OptionSpec option : provider().options()) {
            if (option.defaultValue() != null && options().containsKey(option.name())) {
                Map<String, Object> given = new LinkedHashMap<>(options());
                given.remove(option.name());
                registry()
                        .options(
                                TestRegistry.kindOf(provider()),
                                Spec.of(provider().name(), given),
                                WHERE);
            }
        }
    }

    /** An unknown option is rejected before create. */
    @Test
    public void anUnknownOptionIsRejectedBeforeCreate() {
        Map<String, Object> given = new LinkedHashMap<>(options());
        given.put("no_such_option", 1);
        ConfigException e = rejected(given);
        assertThat(e.problems())
                .extracting(Problem::where)
                .contains(WHERE + "." + provider().name() + ".no_such_option");
        assertThat(e.getMessage())
                .contains("unknown option 'no_such_option' for " + provider().name());
    }

    /** A value of the wrong type is rejected for every option. */
    @Test
    public void aValueOfTheWrongTypeIsRejectedForEveryOption() {
        for (OptionSpec option : provider().options()) {
            Map<String, Object> given = new LinkedHashMap<>(options());
            given.put(option.name(), wrongValue(option));
            ConfigException e = rejected(given);
            String path = WHERE + "." + provider().name() + "." + option.name();
            assertThat(e.problems())
                    .as("option '%s' given %s", option.name(), given.get(option.name()))
                    .anySatisfy(p -> {
                        assertThat(p.where()).isEqualTo(path);
                        assertThat(p.message()).contains("option '" + option.name() + "' must be");
                    });
        }
    }

    private ConfigException rejected(Map<String, Object> given) {
        try {
            Options accepted = registry()
                    .options(TestRegistry.kindOf(provider()), Spec.of(provider().name(), given), WHERE);
            throw new AssertionError(provider().name() + " accepted " + given + " as " + accepted);
        } catch (ConfigException e) {
            return e;
        }
    }

    /** A value no option of this type accepts. */
    private static Object wrongValue(OptionSpec option) {
        return switch (option.type()) {
            case INTEGER, NUMBER -> "three";
            case BOOLEAN -> "yes";
            case STRING -> List.of("a", "list");
            case LIST -> Map.of("not", "a list");
            default -> 42;
        };
    }
}
