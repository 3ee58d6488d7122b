/**
 * The built-in preprocessing steps ({@code data.preprocess}): {@code standardize}, {@code minmax}
 * and {@code scale}, each a {@link dev.nn.api.PreprocessorProvider} found like any plugin's.
 */
package dev.nn.plugins.preprocess;
