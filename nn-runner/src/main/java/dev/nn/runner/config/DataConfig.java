package dev.nn.runner.config;

import dev.nn.api.Spec;
import java.util.List;

/**
 * The {@code data} section of a pipeline: which dataset, how it is split, how it is preprocessed.
 *
 * @param dataset    the dataset component ({@code digits}, {@code {csv: {path: ...}}}); paths in it are absolute
 * @param test       fraction held out for testing when the dataset has no fixed test split (default 0.2)
 * @param validation fraction of the training part held out for validation (default 0)
 * @param stratify   keep class proportions in every part (default true)
 * @param preprocess steps fitted on the training part, in order: {@code standardize}, {@code minmax} or
 *                   {@code scale} with option {@code factor} (default none)
 */
public record DataConfig(Spec dataset, double test, double validation, boolean stratify, List<Spec> preprocess) {

    /**
     * Keeps a read-only copy of the preprocessing steps.
     *
     * @param dataset    the dataset component
     * @param test       fraction held out for testing
     * @param validation fraction of the training part held out for validation
     * @param stratify   keep class proportions in every part
     * @param preprocess the preprocessing steps, in order
     */
    public DataConfig {
        preprocess = List.copyOf(preprocess);
    }
}
