/**
 * Export of trained nn models to ONNX: {@link dev.nn.onnx.OnnxExport}, with the layers described
 * through the SPI's {@link dev.nn.api.OnnxExportable}.
 */
package dev.nn.onnx;
