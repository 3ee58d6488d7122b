package dev.nn.core.registry;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known name closest to a misspelt one, for "did you mean" hints in error messages: the
 * registry's unknown components and options, and a table's unknown columns.
 */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * {@return the closest of {@code known} to {@code given}, if any is close enough to be a likely typo}
     *
     * @param given the name given
     * @param known the names that exist
     */
    public static Optional<String> closest(String given, Collection<String> known) {
        String g = given.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = distance(g, candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, given.length() / 3);
        boolean prefix = best != null
                && given.length() >= 3
                && best.toLowerCase(Locale.ROOT).startsWith(g);
        // A name is close when a few edits make it, but not when every letter is replaced ('y' is not like '0').
        return best != null && (bestDistance <= allowed && bestDistance < given.length() || prefix)
                ? Optional.of(best)
                : Optional.empty();
    }

    /**
     * {@return {@code " (did you mean 'x'?)"}, or an empty string when nothing is close}
     *
     * @param given the name given
     * @param known the names that exist
     */
    public static String hint(String given, Collection<String> known) {
        return closest(given, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Optimal string alignment distance: edits, with a swap of neighbours counting as one. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
