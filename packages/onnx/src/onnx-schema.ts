// onnx-proto ships protobufjs code generated from ONNX's own onnx.proto (CommonJS).
import onnxProto from 'onnx-proto';

/** The generated ONNX message classes (ModelProto, GraphProto, NodeProto, …). */
export const onnx = onnxProto.onnx;
export type { onnx as OnnxTypes } from 'onnx-proto';
