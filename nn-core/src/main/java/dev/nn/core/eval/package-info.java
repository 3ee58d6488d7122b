/**
 * Measuring a trained classifier: {@link dev.nn.core.eval.Evaluation} turns actual and predicted
 * class indices into the metrics and report scikit-learn would give for them.
 */
package dev.nn.core.eval;
