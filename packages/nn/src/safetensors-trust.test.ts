import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Linear } from './linear.js';
import { loadSafetensors } from './load-safetensors.js';
import { DIGEST_KEY } from './safetensors-digest.js';
import { saveSafetensors } from './save-safetensors.js';
import { Sequential } from './sequential.js';

/** A file with the given header object and data bytes, as another writer (PyTorch) would make it. */
function craft(header: unknown, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const headerLength = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);

/** The file with its header JSON rewritten by `edit` (the data kept as it is). */
function rewriteHeader(bytes: Uint8Array, edit: (text: string) => string): Uint8Array {
  const n = headerLength(bytes);
  return craft(edit(new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd()), bytes.subarray(8 + n));
}

describe('safetensors: what a loaded file may not do', () => {
  const saved = () => saveSafetensors({ 'fc.weight': tensor([[1, 2], [3, 4]]), 'fc.bias': tensor([0.5, -0.5]) }, { epoch: '3' });

  it('a file mlpkit wrote is verified, and the digest is not part of the returned metadata', () => {
    const { metadata, verified } = loadSafetensors(saved());
    expect(verified).toBe(true);
    expect({ ...metadata }).toEqual({ epoch: '3' });
  });

  it('refuses a file whose data changed after it was written (every byte of the data section)', () => {
    const bytes = saved();
    const start = 8 + headerLength(bytes);
    for (let i = start; i < bytes.length; i++) {
      const damaged = bytes.slice();
      damaged[i] ^= 0x01;
      expect(() => loadSafetensors(damaged)).toThrow(/contents do not match the digest/);
    }
  });

  it('refuses a file whose metadata or names changed, though the header still parses', () => {
    expect(() => loadSafetensors(rewriteHeader(saved(), (t) => t.replace('"epoch":"3"', '"epoch":"7"')))).toThrow(/do not match the digest/);
    expect(() => loadSafetensors(rewriteHeader(saved(), (t) => t.replace('"fc.bias"', '"fc.bian"')))).toThrow(/do not match the digest/);
  });

  it('refuses a digest whose key was damaged instead of loading the file as unverified', () => {
    const damaged = rewriteHeader(saved(), (t) => t.replace(`"${DIGEST_KEY}"`, '"mlpkit.sha257"'));
    expect(() => loadSafetensors(damaged)).toThrow(/"mlpkit.sha257" holds a digest/);
  });

  it('loads a file without a digest (written by PyTorch) as it is, unless a digest is required', () => {
    const file = craft({ __metadata__: { format: 'pt' }, w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(new Float32Array([2.5]).buffer));
    const { tensors, verified } = loadSafetensors(file);
    expect(verified).toBe(false);
    expect(tensors.w.item()).toBe(2.5);
    expect(() => loadSafetensors(file, { requireDigest: true })).toThrow(/no 'mlpkit.sha256' digest, and one was required/);
    expect(() => loadSafetensors(file, { verify: true } as never)).toThrow(/unknown option 'verify'/);
  });

  it('never lets a name reach a prototype', () => {
    const data = new Uint8Array(4);
    for (const name of ['__proto__', 'constructor', '0.__proto__', 'a.prototype.b']) {
      const file = craft(`{${JSON.stringify(name)}:{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, data);
      expect(() => loadSafetensors(file)).toThrow(/could reach an object prototype/);
    }
    expect(() => loadSafetensors(craft('{"__metadata__":{"__proto__":"x"}}'))).toThrow(/metadata key "__proto__"/);
    expect(() => saveSafetensors({ constructor: tensor([1]) } as never)).toThrow(MlpkitError);
    const { tensors } = loadSafetensors(craft({ w: { dtype: 'F32', shape: [1], data_offsets: [0, 4] } }, data));
    expect(Object.getPrototypeOf(tensors)).toBeNull();
  });

  it('reads F16 and BF16 tensors as float32, exactly', () => {
    // 1, -2, 65504 (largest half), 2^-24 (smallest subnormal), -0 ; bfloat16: 1, -3.5, 2^100.
    const half = new Uint16Array([0x3c00, 0xc000, 0x7bff, 0x0001, 0x8000]);
    const bf16 = new Uint16Array([0x3f80, 0xc060, 0x7180]);
    const data = new Uint8Array(16);
    data.set(new Uint8Array(half.buffer), 0);
    data.set(new Uint8Array(bf16.buffer), 10);
    const { tensors } = loadSafetensors(craft({ h: { dtype: 'F16', shape: [5], data_offsets: [0, 10] }, b: { dtype: 'BF16', shape: [3], data_offsets: [10, 16] } }, data));
    expect(tensors.h.dtype).toBe('float32');
    expect([...tensors.h.data]).toEqual([1, -2, 65504, 2 ** -24, -0]);
    expect([...tensors.b.data]).toEqual([1, -3.5, 2 ** 100]);
  });

  it('refuses a weight whose stored dtype does not match the parameter, instead of reinterpreting its bits', () => {
    const model = new Sequential(new Linear(1, 1));
    const file = craft({ '0.weight': { dtype: 'I32', shape: [1, 1], data_offsets: [0, 4] }, '0.bias': { dtype: 'F32', shape: [1], data_offsets: [4, 8] } }, new Uint8Array(new Float32Array([0.25, 1]).buffer));
    const before = [...model.parameters()[0].data];
    expect(() => model.loadStateDict(loadSafetensors(file).tensors)).toThrow(/dtype mismatch for 0\.weight: the model has float32, the state dict int32/);
    expect([...model.parameters()[0].data]).toEqual(before);
  });
});

describe('safetensors: arguments of the wrong kind', () => {
  it('loadSafetensors refuses what is not bytes, instead of reading a number as an empty buffer or a string as 0 bytes', () => {
    expect(() => loadSafetensors(5e9 as never)).toThrow('loadSafetensors: expected the file\'s bytes (a Uint8Array, Buffer or ArrayBuffer), got number 5000000000');
    expect(() => loadSafetensors('model.safetensors' as never)).toThrow(/loadSafetensors: expected the file's bytes .*, got the string "model\.safetensors"/);
  });

  it('loadSafetensors names a dtype that is an Object method as unreadable', () => {
    expect(() => loadSafetensors(craft({ w: { dtype: 'toString', shape: [1], data_offsets: [0, 4] } }, new Uint8Array(4))))
      .toThrow(/'w' has dtype "toString"; readable dtypes are/);
  });

  it('saveSafetensors refuses a state dict or metadata that is not a plain object', () => {
    expect(() => saveSafetensors(null as never)).toThrow(/^saveSafetensors: expected a state dict \(an object of named tensors, e\.g\. model\.stateDict\(\)\), got null/);
    expect(() => saveSafetensors({}, 'abc' as never)).toThrow(/^saveSafetensors: expected metadata to be an object of strings, got the string "abc"/);
    expect(() => saveSafetensors({ w: tensor([1]) }, ['x'] as never)).toThrow(/expected metadata to be an object of strings/);
    expect(loadSafetensors(saveSafetensors(Object.assign(Object.create(null), { w: tensor([1, 2]) }))).tensors.w.shape).toEqual([2]);
  });
});
