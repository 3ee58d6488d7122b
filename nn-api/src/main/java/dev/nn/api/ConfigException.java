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

    /**
     * One problem: where (may be empty) and what. Both are kept to one line: a line break or other
     * control character (which a damaged or hostile file can put into a name that ends up in the
     * message) is written as an escape such as {@code \n}.
     */
    public record Problem(String where, String message) {
        /**
         * Escapes line breaks and other control characters in both parts.
         *
         * @param where   where it is (an option path, or a file and line); may be empty
         * @param message what is wrong and what to do
         */
        public Problem {
            where = oneLine(where);
            message = oneLine(message);
        }

        private static String oneLine(String text) {
            if (text == null || text.chars().noneMatch(Problem::isBreaking)) {
                return text;
            }
            StringBuilder out = new StringBuilder(text.length() + 8);
            text.chars().forEach(c -> {
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (isBreaking(c)) {
                            out.append(String.format(java.util.Locale.ROOT, "\\u%04X", c));
                        } else {
                            out.append((char) c);
                        }
                    }
                }
            });
            return out.toString();
        }

        /** Control characters and the Unicode line and paragraph separators, which a terminal may break a line at. */
        private static boolean isBreaking(int c) {
            return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
        }

        @Override
        public String toString() {
            return where == null || where.isEmpty() ? message : where + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    /**
     * One problem.
     *
     * @param where   where it is (an option path, or a file and line); may be empty
     * @param message what is wrong and what to do
     */
    public ConfigException(String where, String message) {
        this(List.of(new Problem(where, message)));
    }

    /**
     * One problem, revealed by another exception (an I/O error, say).
     *
     * @param where   where it is; may be empty
     * @param message what is wrong and what to do
     * @param cause   the exception that revealed it
     */
    public ConfigException(String where, String message, Throwable cause) {
        super(new Problem(where, message).toString(), cause);
        this.problems = List.of(new Problem(where, message));
    }

    /**
     * Several problems, reported together.
     *
     * @param problems at least one, in the order found
     * @throws IllegalArgumentException if {@code problems} is empty
     */
    public ConfigException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem found, in the order found} */
    public List<Problem> problems() {
        return problems;
    }
}
