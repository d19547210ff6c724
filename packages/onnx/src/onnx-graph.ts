import { onnx } from './onnx-schema.js';

/** An attribute value as ONNX operators take them. */
export type AttributeValue = number | string | number[] | { int: number };

function attribute(name: string, value: AttributeValue) {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: AttributeType.INTS, ints: value };
  if (typeof value === 'object') return { name, type: AttributeType.INT, i: value.int };
  return { name, type: AttributeType.FLOAT, f: value };
}

/**
 * A graph under construction: nodes in order and the constants they read (initializers), each
 * with a fresh name. Floats are stored as float32 and integers as int64, ONNX's usual types.
 */
export class OnnxGraph {
  readonly nodes: object[] = [];
  readonly initializers: object[] = [];
  private count = 0;

  /** A name not used before, readable in Netron: `0.weight`, `Gemm_3`. */
  fresh(hint: string): string {
    return `${hint}_${this.count++}`;
  }

  /** A float32 constant of shape `dims`. */
  floats(hint: string, values: ArrayLike<number>, dims: readonly number[] = [values.length]): string {
    const name = this.fresh(hint);
    const data = Float32Array.from(values);
    this.initializers.push({ name, dims: [...dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  /** An int64 constant (shapes, axes). */
  ints(hint: string, values: readonly number[]): string {
    const name = this.fresh(hint);
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) });
    return name;
  }

  /** Appends a node of `opType`; returns the name of its (first) output. Integer attributes are written `{ int: n }`. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, AttributeValue> = {}): string {
    const output = this.fresh(opType);
    this.nodes.push({ opType, name: output, input: [...inputs], output: [output], attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)) });
    return output;
  }
}
