package dev.nn.runner.config;

import dev.nn.api.Spec;
import java.util.List;

/**
 * The {@code data} section of a pipeline: which dataset, how it is split, how it is preprocessed.
 *
 * @param dataset          the dataset component ({@code digits}, {@code {csv: {path: ...}}}); paths in it are absolute
 * @param test             fraction held out for testing when the dataset has no fixed test split (default 0.2)
 * @param validation       fraction of the training part held out for validation (default 0)
 * @param stratify         keep class proportions in every part (default true)
 * @param preprocess       steps fitted on the training part, in order: {@code standardize}, {@code minmax} or
 *                         {@code scale} with option {@code factor} (default none); a table's one-hot and boolean
 *                         features are left as they are
 * @param targetPreprocess steps fitted on the training part's regression targets, in order (default none);
 *                         training minimises the loss on the scaled targets, predictions are in the targets' units
 */
public record DataConfig(
        Spec dataset,
        double test,
        double validation,
        boolean stratify,
        List<Spec> preprocess,
        List<Spec> targetPreprocess) {

    /**
     * Keeps read-only copies of the preprocessing steps.
     *
     * @param dataset          the dataset component
     * @param test             fraction held out for testing
     * @param validation       fraction of the training part held out for validation
     * @param stratify         keep class proportions in every part
     * @param preprocess       the preprocessing steps, in order
     * @param targetPreprocess the steps of the regression targets, in order
     */
    public DataConfig {
        preprocess = List.copyOf(preprocess);
        targetPreprocess = List.copyOf(targetPreprocess);
    }

    /**
     * A data section without target scaling.
     *
     * @param dataset    the dataset component
     * @param test       fraction held out for testing
     * @param validation fraction of the training part held out for validation
     * @param stratify   keep class proportions in every part
     * @param preprocess the preprocessing steps, in order
     */
    public DataConfig(Spec dataset, double test, double validation, boolean stratify, List<Spec> preprocess) {
        this(dataset, test, validation, stratify, preprocess, List.of());
    }
}
