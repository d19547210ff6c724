import { MlpkitError, Tensor, fromTypedArray, randn, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Linear } from './linear.js';
import { loadSafetensors } from './load-safetensors.js';
import { DIGEST_KEY } from './safetensors-digest.js';
import { saveSafetensors } from './save-safetensors.js';
import { Sequential } from './sequential.js';

const state = () => ({
  'fc.weight': randn([3, 4]),
  double: randn([2, 2], { dtype: 'float64' }),
  count: tensor([7, -3], { dtype: 'int32' }),
  mask: tensor([true, false, true]),
  scalar: tensor(2.5),
});

/** A file with the given header object and data bytes, for crafting bad files. */
function craft(header: unknown, data = new Uint8Array(0), lengthField?: number): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, lengthField ?? json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

describe('safetensors', () => {
  it('round-trips every dtype, shape and value exactly, with metadata', () => {
    const original = state();
    const { tensors, metadata } = loadSafetensors(saveSafetensors(original, { epoch: '3', config: '{"lr":0.1}' }));
    expect(metadata).toEqual({ epoch: '3', config: '{"lr":0.1}' });
    expect(Object.keys(tensors)).toEqual(Object.keys(original));
    for (const [name, t] of Object.entries(original)) {
      expect(tensors[name].dtype).toBe(t.dtype);
      expect(tensors[name].shape).toEqual(t.shape);
      expect([...tensors[name].data]).toEqual([...t.data]);
    }
  });

  it('writes the Hugging Face layout: u64 LE header length, JSON header, aligned raw data', () => {
    const bytes = saveSafetensors({ w: tensor([1, 2]) });
    const length = new DataView(bytes.buffer).getUint32(0, true);
    expect(length % 8).toBe(0);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)));
    expect(header.w).toEqual({ dtype: 'F32', shape: [2], data_offsets: [0, 8] });
    expect(Object.keys(header)).toEqual(['__metadata__', 'w']);
    expect(header.__metadata__[DIGEST_KEY]).toMatch(/^mlpkit-sha256:[0-9a-f]{64}$/);
    expect([...new Float32Array(bytes.slice(8 + length).buffer)]).toEqual([1, 2]);
  });

  it('restores a model through stateDict/loadStateDict', () => {
    const a = new Sequential(new Linear(4, 3)), b = new Sequential(new Linear(4, 3));
    b.loadStateDict(loadSafetensors(saveSafetensors(a.stateDict())).tensors);
    expect([...b.parameters()[0].data]).toEqual([...a.parameters()[0].data]);
  });

  it('reads an I64 tensor (PyTorch integer buffers) as int32', () => {
    const data = new Uint8Array(16);
    new DataView(data.buffer).setBigInt64(0, 5n, true);
    new DataView(data.buffer).setBigInt64(8, -2n, true);
    const { tensors } = loadSafetensors(craft({ n: { dtype: 'I64', shape: [2], data_offsets: [0, 16] } }, data));
    expect(tensors.n.dtype).toBe('int32');
    expect([...tensors.n.data]).toEqual([5, -2]);
  });

  const refusals: [string, () => Uint8Array, RegExp][] = [
    ['a file shorter than 8 bytes', () => new Uint8Array(3), /fewer than the 8-byte header length/],
    ['a truncated header', () => saveSafetensors(state()).subarray(0, 40), /truncated: the header says \d+ bytes but only 32 follow/],
    ['truncated data', () => { const b = saveSafetensors(state()); return b.subarray(0, b.length - 4); }, /truncated: the tensors need \d+ bytes of data but only \d+ are present/],
    ['a huge header length', () => craft({}, undefined, 0xffffffff), /header length field says 4294967295 bytes/],
    ['a header that is not JSON', () => craft('{"a": '), /the header is not valid JSON/],
    ['an unknown dtype', () => craft({ a: { dtype: 'F8_E4M3', shape: [1], data_offsets: [0, 1] } }, new Uint8Array(1)), /'a' has dtype "F8_E4M3"; readable dtypes are F32, F64, F16, BF16, I32, I64, BOOL, U8/],
    ['offsets that do not match the shape', () => craft({ a: { dtype: 'F32', shape: [2], data_offsets: [0, 4] } }, new Uint8Array(4)), /'a' \(F32 \[2\]\) needs 8 bytes but data_offsets span 4/],
    ['overlapping tensors', () => craft({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] }, b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4)), /'b' overlaps the tensor before it/],
    ['bytes that belong to no tensor', () => craft({ a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(8)), /4 bytes after the last tensor belong to no tensor/],
    ['non-string metadata', () => craft({ __metadata__: { epoch: 3 } }), /__metadata__.epoch must be a string, got number/],
    // JSON.parse keeps the last of two equal keys; a reader keeping the first would see another tensor.
    ['a tensor named twice', () => craft('{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"I32","shape":[1],"data_offsets":[0,4]}}', new Uint8Array(4)), /the header holds the key "w" twice in one object/],
    ['a field given twice in one entry', () => craft('{"w":{"dtype":"F32","dtype":"I32","shape":[1],"data_offsets":[0,4]}}', new Uint8Array(4)), /the header holds the key "dtype" twice/],
    ['__metadata__ given twice', () => craft('{"__metadata__":{"a":"1"},"__metadata__":{"a":"2"}}'), /the header holds the key "__metadata__" twice/],
    ['a byte-order mark before the header', () => craft('\ufeff{}'), /the header must be a JSON object starting with '\{'/],
    ['a BOOL byte other than 0 or 1', () => craft({ b: { dtype: 'BOOL', shape: [2], data_offsets: [0, 2] } }, Uint8Array.from([1, 2])), /^loadSafetensors: .*'b' is BOOL but holds the byte 2 at \[1\]; expected 0 or 1/],
  ];
  for (const [what, bytes, reason] of refusals)
    it(`refuses ${what}, with the reason`, () => {
      expect(() => loadSafetensors(bytes())).toThrow(MlpkitError);
      expect(() => loadSafetensors(bytes())).toThrow(reason);
    });

  it('refuses to save what it could not read back', () => {
    expect(() => saveSafetensors({ w: tensor([1]) }, { epoch: 3 as never })).toThrow(/saveSafetensors: metadata values must be strings/);
    expect(() => saveSafetensors({ __metadata__: tensor([1]) })).toThrow(/reserved/);
    expect(() => saveSafetensors({ w: [1, 2] as never })).toThrow(/entry 'w' must be a Tensor/);
    expect(fromTypedArray(new Float32Array(1))).toBeInstanceOf(Tensor);
  });
});
