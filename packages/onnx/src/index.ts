export { exportOnnx, type ExportOnnxOptions } from './export-onnx.js';
