package dev.nn.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Bad configuration or input, found before (or instead of) doing any work: an unknown name, a
 * wrong option, sizes that do not fit, a malformed data file.
 *
 * <p>Each {@link Problem} names where it is (an option path such as
 * {@code model.layers[0].dense.units}, or a file and line) and what to do. The command line
 * prints one line per problem and exits with status 2.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** One problem: where (may be empty) and what. */
    public record Problem(String where, String message) {
        @Override
        public String toString() {
            return where == null || where.isEmpty() ? message : where + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public ConfigException(String where, String message) {
        this(List.of(new Problem(where, message)));
    }

    public ConfigException(String where, String message, Throwable cause) {
        super(new Problem(where, message).toString(), cause);
        this.problems = List.of(new Problem(where, message));
    }

    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found. */
    public List<Problem> problems() {
        return problems;
    }
}
