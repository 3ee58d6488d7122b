/**
 * Measuring a trained model: {@link dev.nn.core.eval.Evaluation} turns actual and predicted class
 * indices into the metrics and report scikit-learn would give for them, and
 * {@link dev.nn.core.eval.RegressionEvaluation} does the same for actual and predicted target values.
 */
package dev.nn.core.eval;
