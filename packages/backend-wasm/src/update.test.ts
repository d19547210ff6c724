import type { TypedArray } from '@mlpkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWasmBackend, type WasmBackend } from './node/index.js';
import { randomTensor } from './test-utils.js';

let backend: WasmBackend, threaded: WasmBackend;
beforeAll(async () => {
  [backend, threaded] = await Promise.all([createWasmBackend({ threads: 1, residentMiB: 16 }), createWasmBackend({ threads: 3, residentMiB: 16 })]);
});
afterAll(() => { backend.close(); threaded.close(); });

const SIZES = [1, 3, 4, 5, 9, 1000, 200_704];
const bits = (a: TypedArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');
const random = (n: number, seed: number, scale = 1) => (randomTensor([n], seed).data as Float32Array).map((v) => v * scale);
const resident = (a: Float32Array) => backend.kernels.residentCopy!(a) as Float32Array;

// The optimizers' JavaScript loops (packages/optimizers), which the wasm updates must match bit for bit.
function jsSgdMomentum(p: Float32Array, g: Float32Array, b: Float32Array, lr: number, mu: number, damp: number, nesterov: boolean, first: boolean): void {
  for (let i = 0; i < p.length; i++) {
    b[i] = first ? g[i] : mu * b[i] + (1 - damp) * g[i];
    p[i] -= lr * (nesterov ? g[i] + mu * b[i] : b[i]);
  }
}
function jsAdam(p: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, vMax: Float32Array | null, b1: number, b2: number, stepSize: number, c2: number, eps: number): void {
  for (let i = 0; i < p.length; i++) {
    m[i] = b1 * m[i] + (1 - b1) * g[i];
    v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
    let second = v[i];
    if (vMax) second = vMax[i] = Math.max(vMax[i], v[i]);
    p[i] -= (stepSize * m[i]) / (Math.sqrt(second) / c2 + eps);
  }
}

describe('wasm optimizer updates on resident storage: the bits of the JavaScript loops', () => {
  it.each(SIZES)('zero clears resident storage and nothing else, n = %i', (n) => {
    const before = random(n + 2, n + 7);
    const whole = resident(before);
    // A resident neighbour on each side stays as it was: only y's bytes are cleared.
    const y = resident(random(n, n + 8));
    const after = resident(before);
    expect(backend.kernels.zero!(y)).toBe(true);
    expect(y.every((v) => Object.is(v, 0))).toBe(true);
    expect(bits(whole)).toBe(bits(before));
    expect(bits(after)).toBe(bits(before));
    const plain = random(n, n + 9);
    expect(backend.kernels.zero!(plain)).toBe(false);
    expect(bits(plain)).toBe(bits(random(n, n + 9)));
  });

  it.each(SIZES)('axpy, n = %i', (n) => {
    const y = random(n, n), x = random(n, n + 1);
    const want = y.slice();
    for (let i = 0; i < n; i++) want[i] += -0.0123 * x[i];
    const ry = resident(y);
    expect(backend.kernels.axpy!(ry, -0.0123, x)).toBe(true);
    expect(bits(ry)).toBe(bits(want));
  });

  it.each([5, 200_704])('axpy reads a resident gradient where it lies, with the same bits, n = %i', (n) => {
    const y = random(n, n + 2), x = random(n, n + 3);
    const want = y.slice();
    for (let i = 0; i < n; i++) want[i] += -0.0123 * x[i];
    const ry = resident(y), rx = resident(x);
    expect(backend.kernels.axpy!(ry, -0.0123, rx)).toBe(true);
    expect(bits(ry)).toBe(bits(want));
    expect(bits(rx)).toBe(bits(x));
  });

  it.each(SIZES)('SGD with momentum (plain, dampened, Nesterov), three steps, n = %i', (n) => {
    for (const [mu, damp, nesterov] of [[0.9, 0, false], [0.5, 0.3, false], [0.9, 0, true]] as const) {
      const p = random(n, 1), b = new Float32Array(n), rp = resident(p), rb = resident(b);
      for (let step = 0; step < 3; step++) {
        const g = random(n, 10 + step, 0.1);
        jsSgdMomentum(p, g, b, 0.05, mu, damp, nesterov, step === 0);
        expect(backend.kernels.sgdMomentum!(rp, g, rb, { lr: 0.05, momentum: mu, dampening: damp, nesterov, first: step === 0 })).toBe(true);
      }
      expect(bits(rp)).toBe(bits(p));
      expect(bits(rb)).toBe(bits(b));
    }
  });

  // On 3 threads (on this 2-core machine too), steps of 32 768 weights or more are cut into
  // chunks that the worker threads share: 32 769 leaves a last chunk of one weight.
  it.each([...SIZES.map((n) => [n, 1]), [32_769, 3], [200_704, 3]])('Adam and AMSGrad, three steps, n = %i, %i thread(s)', (n, threads) => {
    const b = threads === 1 ? backend : threaded;
    const resident = (a: Float32Array) => b.kernels.residentCopy!(a) as Float32Array;
    for (const amsgrad of [false, true]) {
      const p = random(n, 2), m = new Float32Array(n), v = new Float32Array(n), vMax = amsgrad ? new Float32Array(n) : null;
      const rp = resident(p), rm = resident(m), rv = resident(v), rvMax = vMax && resident(vMax);
      for (let t = 1; t <= 3; t++) {
        const g = random(n, 20 + t, t === 2 ? 0.01 : 1);
        const h = { beta1: 0.9, beta2: 0.999, stepSize: 1e-3 / (1 - 0.9 ** t), correction2Sqrt: Math.sqrt(1 - 0.999 ** t), eps: 1e-8 };
        jsAdam(p, g, m, v, vMax, h.beta1, h.beta2, h.stepSize, h.correction2Sqrt, h.eps);
        expect(b.kernels.adam!(rp, g, rm, rv, rvMax, h)).toBe(true);
      }
      expect(bits(rp)).toBe(bits(p));
      expect(bits(rm)).toBe(bits(m));
      expect(bits(rv)).toBe(bits(v));
      if (vMax) expect(bits(rvMax!)).toBe(bits(vMax));
    }
  });

  it('refuses (changing nothing) unless weights and state are resident and the gradient float32 of the same length', () => {
    const u = backend.kernels, g = new Float32Array(8).fill(1);
    const plain = new Float32Array(8), rp = resident(new Float32Array(8)), rb = resident(new Float32Array(8));
    expect(u.axpy!(plain, 1, g)).toBe(false);
    expect(u.axpy!(rp, 1, new Float32Array(7))).toBe(false);
    expect(u.axpy!(rp, 1, new Float64Array(8))).toBe(false);
    expect(u.sgdMomentum!(rp, g, new Float32Array(8), { lr: 1, momentum: 0.9, dampening: 0, nesterov: false, first: true })).toBe(false);
    expect(u.adam!(rp, g, rb, new Float32Array(8), null, { beta1: 0.9, beta2: 0.999, stepSize: 1, correction2Sqrt: 1, eps: 1e-8 })).toBe(false);
    expect([...plain, ...rp, ...rb]).toEqual(new Array(24).fill(0));
  });
});
