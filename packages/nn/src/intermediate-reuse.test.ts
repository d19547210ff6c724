import { ReLU, Sigmoid, Tanh, relu, sigmoid, tanh } from '@mlpkit/activations';
import { noGrad } from '@mlpkit/autograd';
import { type Backend, Generator, type GradNode, Tensor, type TensorStorage, manualSeed, randn, recycleFloat32, referenceBackend, setBackend, sum, uninitializedFloat32 } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { Dropout } from './dropout.js';
import { Flatten } from './flatten.js';
import { Lambda } from './lambda.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';

// Each case uses hidden widths of its own, so that one case's recycled arrays (kept per length) never meet another's.
function setup(rows: number, hidden: number) {
  manualSeed(1);
  const first = new Linear(8, hidden), last = new Linear(hidden, 3);
  const x = randn([rows, 8]);
  const activation = noGrad(() => relu(first.forward(x)));
  return { first, last, x, activation, size: rows * hidden };
}

/** Whether the next array of `size` the allocator hands out is the one that held `t`'s values (its memory reused). */
const reusedFor = (t: Tensor, size: number): boolean => {
  const next = uninitializedFloat32(size);
  return next.every((v, i) => Object.is(v, t.data[i]));
};

describe('Sequential reuses the memory of its intermediates without gradients', () => {
  it('between layers that keep no reference: Linear → relu → Linear', () => {
    const { first, last, x, activation, size } = setup(67, 251);
    const model = new Sequential(first, relu, last);
    const y = noGrad(() => model.forward(x));
    expect(y.data).toEqual(noGrad(() => last.forward(activation)).data);
    // The relu output, read by the last Linear, was handed back last: it comes out first.
    expect(reusedFor(activation, size)).toBe(true);
  });

  it('between Linear and tanh or sigmoid, as functions and as layers', () => {
    for (const [hidden, act] of [[283, tanh], [287, new Tanh()], [289, sigmoid], [291, new Sigmoid()]] as const) {
      const { first, last, x, size } = setup(67, hidden);
      const activation = noGrad(() => (typeof act === 'function' ? act : act.forward.bind(act))(first.forward(x)));
      const y = noGrad(() => new Sequential(first, act, last).forward(x));
      expect(y.data).toEqual(noGrad(() => last.forward(activation)).data);
      expect(reusedFor(activation, size)).toBe(true);
    }
  });

  it('not with gradients, not for a wrapped layer, not for a subclass that overrides forward', () => {
    const withGrad = setup(67, 253);
    new Sequential(withGrad.first, relu, withGrad.last).forward(withGrad.x);
    expect(reusedFor(withGrad.activation, withGrad.size)).toBe(false);

    const wrapped = setup(67, 257), seen: Tensor[] = [];
    const observed = Object.assign(new Linear(1, 1), wrapped.last);
    const forward = observed.forward.bind(observed);
    observed.forward = (input: Tensor) => { seen.push(input); return forward(input); };
    noGrad(() => new Sequential(wrapped.first, relu, observed).forward(wrapped.x));
    expect(reusedFor(wrapped.activation, wrapped.size)).toBe(false);
    expect(seen[0].data).toEqual(wrapped.activation.data);

    class Keeping extends Linear {
      kept: Tensor | null = null;
      override forward(input: Tensor): Tensor { this.kept = input; return super.forward(input); }
    }
    const sub = setup(67, 263);
    const keeping: Keeping = Object.assign(new Keeping(1, 1), sub.last, { kept: null as Tensor | null });
    noGrad(() => new Sequential(sub.first, relu, keeping).forward(sub.x));
    expect(reusedFor(sub.activation, sub.size)).toBe(false);
    expect(keeping.kept?.data).toEqual(sub.activation.data);
  });

  it('not for a forward that swaps itself for a listed one while it runs, nor a Lambda whose function was replaced', () => {
    const swap = setup(67, 269);
    let kept: Tensor | null = null;
    const act = { forward(t: Tensor): Tensor { kept = t; this.forward = ReLU.prototype.forward; return relu(t); } };
    // Two layers, so that the first's output would be the last array handed back.
    noGrad(() => new Sequential(swap.first, act).forward(swap.x));
    expect(kept).not.toBeNull();
    expect(reusedFor(kept as unknown as Tensor, swap.size)).toBe(false);

    const lambda = new Lambda(relu);
    expect(() => { (lambda as { fn: unknown }).fn = () => null; }).toThrow(TypeError);
  });
});

/**
 * Backward through `model(false)` gives the gradients of `model(true)` (the same layers, the
 * listed ones wrapped so that none is promised), and every intermediate between its layers,
 * walked back from the output, then refuses reads; returns what the walk ends at (the input).
 */
function releasedOnTheWayBack(model: (wrap: boolean) => Sequential, x: Tensor): Tensor {
  const run = (wrap: boolean) => {
    const m = model(wrap);
    for (const p of m.parameters()) p.grad = null;
    const y = m.forward(x);
    sum(y).backward();
    return { y, grads: m.parameters().map((p) => p.grad?.data), layers: m.length };
  };
  const plain = run(true), released = run(false);
  expect(released.grads).toEqual(plain.grads);
  let t = (released.y.gradNode as GradNode).inputs[0];
  for (let layer = released.layers - 2; layer >= 0; layer--) {
    expect(() => t.data).toThrow(`the output of layer ${layer}, read only by layer ${layer + 1}`);
    t = (t.gradNode as GradNode).inputs[0];
  }
  return t;
}

describe('with gradients, Sequential hands its intermediates back once backward has used them', () => {
  /** The relu output and the first Linear's output, reached through the graph from the model's output. */
  const intermediates = (y: Tensor): [Tensor, Tensor] => {
    const activation = (y.gradNode as GradNode).inputs[0];
    return [activation, (activation.gradNode as GradNode).inputs[0]];
  };

  it('with the same gradients; reading one afterwards throws; its memory comes out next', () => {
    const { first, last, x, size } = setup(67, 277);
    const y = new Sequential(first, relu, last).forward(x);
    const [activation, hidden] = intermediates(y);
    const memory = hidden.data;
    sum(y).backward();
    // The first Linear's output was handed back last (after relu's, nearer the loss).
    const next = uninitializedFloat32(size);
    expect(next).toBe(memory);
    recycleFloat32(next);
    const grads = [first.weight, first.bias!, last.weight].map((p) => p.grad?.data.slice());
    for (const p of [first.weight, first.bias!, last.weight, last.bias!]) p.grad = null;
    // Wrapped, relu is not a layer known to keep nothing, so neither intermediate is promised.
    const plain = new Sequential(first, (t: Tensor) => relu(t), last).forward(x);
    sum(plain).backward();
    expect([first.weight, first.bias!, last.weight].map((p) => p.grad?.data)).toEqual(grads);
    expect(intermediates(plain)[0].data.length).toBe(size);
    expect(() => activation.data).toThrow(/^backward: this tensor's memory was released: it was an intermediate of Sequential \(the output of layer 1, read only by layer 2\)/);
    expect(() => hidden.data).toThrow('the output of layer 0, read only by layer 1');
    // The model's input and output are the caller's.
    expect([x.data.length, y.data.length]).toEqual([67 * 8, 67 * 3]);
  });

  it('for tanh and sigmoid too, as functions and as layers', () => {
    for (const [hidden, layers] of [[307, [new Tanh(), sigmoid]], [311, [tanh, new Sigmoid()]]] as const) {
      const { first, x } = setup(67, hidden);
      const mid = new Linear(hidden, hidden), last = new Linear(hidden, 3);
      const model = (wrap: boolean) => {
        const [a, b] = layers.map((l) => (wrap ? (t: Tensor) => (typeof l === 'function' ? l(t) : l.forward(t)) : l));
        return new Sequential(first, a, mid, b, last);
      };
      expect(releasedOnTheWayBack(model, x)).toBe(x);
    }
  });

  it('around Dropout in training, and past it in evaluation, where it returns its input', () => {
    const { first, last, x, size } = setup(67, 317);
    const model = (wrap: boolean) => {
      const drop = new Dropout(0.3, { generator: new Generator(5) });
      return new Sequential(first, relu, wrap ? (t: Tensor) => drop.forward(t) : drop, last);
    };
    expect(releasedOnTheWayBack(model, x)).toBe(x);
    const evaluation = new Sequential(first, relu, new Dropout(0.3), last).eval();
    const activation = noGrad(() => relu(first.forward(x)));
    const expected = noGrad(() => last.forward(activation)).data;
    // Empties the allocator's list for this size (it keeps a few arrays), which training filled.
    for (let i = 0; i < 4; i++) uninitializedFloat32(size);
    expect(noGrad(() => evaluation.forward(x)).data).toEqual(expected);
    expect(reusedFor(activation, size)).toBe(true);
  });

  it('not while the graph is retained', () => {
    const { first, last, x } = setup(67, 281);
    const y = new Sequential(first, relu, last).forward(x);
    const [activation] = intermediates(y);
    const values = activation.data.slice();
    sum(y).backward(undefined, { retainGraph: true });
    expect(activation.data).toEqual(values);
  });
});

describe("Sequential never hands back the caller's input, nor memory passed on from it", () => {
  /** Whether any of the next four arrays of `size` the allocator hands out is `data` itself. */
  const handedOut = (data: Float32Array, size: number): boolean =>
    Array.from({ length: 4 }, () => uninitializedFloat32(size)).some((a) => a === data);

  it('through a Dropout in evaluation or with p = 0 first, without gradients', () => {
    for (const [first, rows] of [[new Dropout(0.2), 71], [new Dropout(0), 73]] as const) {
      manualSeed(2);
      const x = randn([rows, 400]), values = x.data.slice();
      const model = new Sequential(first, new Linear(400, 400), relu, new Linear(400, 3)).eval();
      const y = noGrad(() => model.forward(x));
      expect(x.data).toEqual(values);
      expect(handedOut(x.data as Float32Array, rows * 400)).toBe(false);
      expect(noGrad(() => model.forward(x)).data).toEqual(y.data);
    }
  });

  it('through Flatten and an evaluation Dropout, and with gradients through Dropout(0)', () => {
    manualSeed(2);
    const x = randn([79, 20, 20]);
    noGrad(() => new Sequential(new Flatten(), new Dropout(0.5), new Linear(400, 3)).eval().forward(x));
    expect(handedOut(x.data as Float32Array, 79 * 400)).toBe(false);

    const h = new Linear(8, 400).forward(randn([83, 8]));
    const y = new Sequential(new Dropout(0), new Linear(400, 400), relu, new Linear(400, 3)).forward(h);
    sum(y).backward();
    expect(h.data.length).toBe(83 * 400);
  });

  it('but an intermediate an evaluation Dropout passed on is still handed back, named by the layer that made it', () => {
    const { first, last, x, size } = setup(67, 347);
    const activation = noGrad(() => relu(first.forward(x)));
    for (let i = 0; i < 4; i++) uninitializedFloat32(size);
    noGrad(() => new Sequential(first, relu, new Dropout(0.5), last).eval().forward(x));
    expect(reusedFor(activation, size)).toBe(true);

    const y = new Sequential(first, relu, new Dropout(0), last).forward(x);
    const passed = (y.gradNode as GradNode).inputs[0];
    sum(y).backward();
    expect(() => passed.data).toThrow('the output of layer 1, read only by layers 2 to 3)');
  });
});

/** The reference backend with relu (maximum) on a pretend device: its output lives there until `data` reads it back. */
function reluOnDevice(made: TensorStorage[]): Backend {
  const values = (t: TensorStorage): Float32Array => {
    const b = t.deviceBuffer as { values?: Float32Array } | undefined;
    return b?.values ?? Float32Array.from(t.data as Float32Array);
  };
  const onDevice = (v: Float32Array, shape: readonly number[]): TensorStorage => {
    let host: Float32Array | null = null;
    const buffer = { values: v };
    const stored = { shape, dtype: 'float32', get deviceBuffer() { return host ? undefined : buffer; }, get data() { return (host ??= v.slice()); } } as unknown as TensorStorage;
    made.push(stored);
    return stored;
  };
  return { ...referenceBackend, name: 'pretend-device', kernels: { ...referenceBackend.kernels, maximum: (inputs: readonly TensorStorage[]) => {
    const [a, b] = inputs.map(values);
    return onDevice(a.map((v, i) => Math.max(v, b.length === 1 ? b[0] : b[i])), inputs[0].shape);
  } } } as Backend;
}

describe('with an output on a device', () => {
  it('releases only host memory, each named by the layer that made it', () => {
    const made: TensorStorage[] = [];
    setBackend(reluOnDevice(made));
    try {
      manualSeed(1);
      const y = new Sequential(new Linear(200, 200), relu, tanh, new Linear(200, 3)).forward(randn([100, 200]));
      const activated = (y.gradNode as GradNode).inputs[0];
      const onDevice = (activated.gradNode as GradNode).inputs[0];
      const hidden = (onDevice.gradNode as GradNode).inputs[0];
      expect(made.length).toBe(1); // relu's output, which tanh then read back
      sum(y).backward();
      expect(() => hidden.data).toThrow('(the output of layer 0, read only by layer 1)');
      expect(() => activated.data).toThrow('(the output of layer 2, read only by layer 3)');
      expect(onDevice.data.length).toBe(100 * 200);
    } finally {
      setBackend(referenceBackend);
    }
  });
});

describe('errors', () => {
  it("name the layer of each Sequential, the outer's first", () => {
    const model = new Sequential(new Linear(4, 8), relu, new Sequential(new Linear(8, 8), new Linear(5, 3)));
    expect(() => model.forward(randn([2, 4]))).toThrow(/^Sequential: layer 2: layer 1: Linear: Linear\(inFeatures=5/);
  });
});
