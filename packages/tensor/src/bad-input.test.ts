import { describe, expect, it } from 'vitest';
import * as T from './index.js';
import { Generator, MlpkitError, Tensor, tensor } from './index.js';

/** Runs `fn`, requires an MlpkitError from `op` whose message holds every fragment, and returns the message. */
function refused(fn: () => unknown, op: string, ...fragments: string[]): string {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${op} to throw`).toBeInstanceOf(MlpkitError);
  const error = caught as MlpkitError;
  expect(error.op).toBe(op);
  expect(error.message.startsWith(`${op}: `)).toBe(true);
  for (const fragment of fragments) expect(error.message).toContain(fragment);
  return error.message;
}

const bad = <T>(value: unknown) => value as T;

describe('impossible shapes are refused', () => {
  it.each([
    ['negative dims', [-2, -3], '-2'],
    ['a fractional dim', [2, 1.5], '1.5'],
    ['NaN', [NaN], 'NaN'],
    ['Infinity', [Infinity], 'Infinity'],
    ['a string dim', [bad<number>('2')], 'string'],
  ])('new Tensor with %s', (_what, shape, got) => {
    refused(() => new Tensor(new Float32Array(6), shape as number[]), 'Tensor', 'non-negative integer', got);
  });

  it('checkShape names the argument it checks when told', () => {
    expect(refused(() => T.checkShape('mine', 4, 'featureShape'), 'mine')).toBe('mine: expected featureShape (an array of non-negative integers), got number 4');
    expect(refused(() => T.checkShape('mine', [2, -1], 'featureShape'), 'mine')).toBe('mine: expected non-negative integer dims, got -1 at dim 1 of featureShape [2, -1]');
  });

  it('a shape that is not an array', () => {
    refused(() => new Tensor(new Float32Array(1), bad<number[]>(undefined)), 'Tensor', 'undefined');
    refused(() => T.zeros(bad<number[]>(3)), 'full', 'number 3');
  });

  it.each(['zeros', 'ones', 'rand', 'randn'] as const)('%s refuses negative, fractional and non-finite dims', (fn) => {
    const op = fn === 'zeros' || fn === 'ones' ? 'full' : fn;
    refused(() => T[fn]([2, -1]), op, '-1');
    refused(() => T[fn]([0.5]), op, '0.5');
    refused(() => T[fn]([Infinity]), op, 'Infinity');
  });

  it('eye, randint, randperm, linspace and arange refuse impossible sizes', () => {
    refused(() => T.eye(-1), 'eye', '-1');
    refused(() => T.eye(2.5), 'eye', '2.5');
    refused(() => T.randint(0, 3, [1.5]), 'randint', '1.5');
    refused(() => T.randperm(-3), 'randperm', '-3');
    refused(() => T.randperm(2.5), 'randperm', '2.5');
    refused(() => T.linspace(0, 1, -1), 'linspace', '-1');
    refused(() => T.linspace(0, 1, 1.5), 'linspace', '1.5');
    refused(() => T.arange(0, Infinity), 'arange', 'Infinity');
    refused(() => T.arange(NaN), 'arange', 'NaN');
    refused(() => T.arange(0, 10, -1), 'arange', 'step -1', 'end 10');
  });

  it('sizes beyond what a typed array can hold are an MlpkitError, never a bare RangeError', () => {
    refused(() => T.zeros([2 ** 31, 2 ** 31]), 'full', 'elements');
    refused(() => T.zeros([2 ** 40]), 'full', String(2 ** 40));
    refused(() => T.ones([65536, 65536], { dtype: 'float64' }), 'full', 'GiB');
    refused(() => T.rand([2 ** 33]), 'rand', 'GiB');
    refused(() => T.arange(0, 1e12), 'arange', 'GiB');
    refused(() => T.allocate('float32', 2 ** 34, 'mine'), 'mine', 'GiB');
  });

  it('broadcasts, expands and products whose result is too large', () => {
    const long = T.zeros([70000, 1]);
    refused(() => T.add(long, T.zeros([1, 70000])), 'add', 'GiB');
    refused(() => T.gt(long, T.zeros([1, 70000])), 'gt', 'GiB');
    refused(() => T.expand(T.zeros([1]), [2 ** 31]), 'expand', 'GiB');
    refused(() => T.matmul(T.zeros([70000, 1]), T.zeros([1, 70000])), 'matmul', 'GiB');
  });

  it('reshape and view refuse fractional, negative and ambiguous sizes', () => {
    const x = T.zeros([2, 3]);
    refused(() => T.reshape(x, [2, 1.5, 2]), 'reshape', '1.5');
    refused(() => x.view(-2, -3), 'reshape', '-2');
    refused(() => x.reshape([6, NaN]), 'reshape', 'NaN');
    refused(() => T.reshape(T.zeros([0]), [-1, 0]), 'reshape', '-1');
    refused(() => T.reshape(x, bad<number[]>('6')), 'reshape', 'string');
  });

  it('expand refuses fractional sizes and -1 in a new dim', () => {
    refused(() => T.expand(T.zeros([1]), [2.5]), 'expand', '2.5');
    refused(() => T.expand(T.zeros([1]), [-1, 3]), 'expand', '-1');
  });
});

describe('storage is never reinterpreted', () => {
  it('an Int16Array becomes int32 with the same values, not bool bytes', () => {
    const x = tensor(Int16Array.from([-1000, 5, 300]));
    expect(x.dtype).toBe('int32');
    expect(x.tolist()).toEqual([-1000, 5, 300]);
  });

  it('other integer typed arrays convert value by value', () => {
    expect(tensor(Int8Array.from([-3, 4])).tolist()).toEqual([-3, 4]);
    expect(tensor(Uint16Array.from([65535])).tolist()).toEqual([65535]);
    expect(tensor(Uint8ClampedArray.from([255, 0])).tolist()).toEqual([255, 0]);
    expect(tensor(Uint32Array.from([7]), { dtype: 'float64' }).tolist()).toEqual([7]);
  });

  it('values a dtype cannot hold are refused, naming the value', () => {
    refused(() => tensor(Uint32Array.from([4000000000])), 'tensor', '4000000000', 'int32');
    refused(() => tensor(Float64Array.from([1e10]), { dtype: 'int32' }), 'tensor', '10000000000');
  });

  it('a Uint8Array is bool storage only when it holds 0 and 1', () => {
    expect(tensor(Uint8Array.from([0, 1, 1])).tolist()).toEqual([false, true, true]);
    refused(() => tensor(Uint8Array.from([0, 232, 251])), 'tensor', '232', "dtype: 'int32'");
    expect(tensor(Uint8Array.from([0, 232]), { dtype: 'int32' }).tolist()).toEqual([0, 232]);
    refused(() => T.fromTypedArray(Uint8Array.from([3])), 'fromTypedArray', '3');
  });

  it('a bool dtype stores true for any non-zero value', () => {
    expect(tensor([0, 2, -0.5], { dtype: 'bool' }).data).toEqual(Uint8Array.from([0, 1, 1]));
    expect(T.full([2], 7, { dtype: 'bool' }).data).toEqual(Uint8Array.from([1, 1]));
  });

  it('typed arrays mlpkit cannot store are refused by the constructor', () => {
    refused(() => new Tensor(bad<Float32Array>(new Int16Array(3)), [3]), 'Tensor', 'Int16Array');
    refused(() => new Tensor(bad<Float32Array>(new Uint8ClampedArray(3)), [3]), 'Tensor', 'Uint8ClampedArray');
    refused(() => new Tensor(bad<Float32Array>([1, 2, 3]), [3]), 'Tensor', 'array');
    refused(() => tensor(bad<Float32Array>(new BigInt64Array(2))), 'tensor', 'BigInt64Array');
    refused(() => tensor(bad<Float32Array>(new DataView(new ArrayBuffer(4)))), 'tensor', 'DataView');
  });
});

describe('non-numbers are refused', () => {
  it.each([
    ['a string', [1, 'a', 3], '"a"', '[1]'],
    ['undefined', [1, undefined], 'undefined', '[1]'],
    ['null', [[1, 2], [null, 4]], 'null', '[1][0]'],
    ['an object', [{}], 'object', '[0]'],
    ['a bigint', [1n], 'bigint', '[0]'],
  ])('tensor with %s', (_what, data, got, at) => {
    refused(() => tensor(bad<number[]>(data)), 'tensor', got, at);
  });

  it('ragged nested arrays', () => {
    refused(() => tensor([[1, 2], [3]]), 'tensor', 'ragged', 'expected 2 entries');
    refused(() => tensor(bad<number[]>([[1], 2])), 'tensor', 'ragged');
  });

  it('nested arrays deeper than 1000 dims, as PyTorch refuses them, instead of overflowing the stack', () => {
    const nest = (depth: number): unknown => { let a: unknown = 1; for (let i = 0; i < depth; i++) a = [a]; return a; };
    refused(() => tensor(bad<number[]>(nest(100_000))), 'tensor', 'more than 1000 deep');
    expect(tensor(bad<number[]>(nest(1000))).ndim).toBe(1000);
  });

  it('fill values, bounds and scalars must be numbers', () => {
    refused(() => T.full([2], bad<number>('1')), 'full', 'string');
    refused(() => T.clamp(T.ones([2]), bad<number>('0')), 'clamp', 'min', 'string');
    refused(() => T.arange(bad<number>('5')), 'arange', 'string');
    refused(() => T.linspace(0, bad<number>(undefined), 3), 'linspace', 'undefined');
  });

  it('binary ops refuse null, undefined, strings and plain arrays with an MlpkitError', () => {
    const x = T.ones([2]);
    refused(() => T.add(x, bad<number>(null)), 'add', 'Tensor or a number', 'null');
    refused(() => x.mul(bad<number>(undefined)), 'mul', 'undefined');
    refused(() => T.sub(bad<Tensor>('x'), x), 'sub', 'string');
    refused(() => T.eq(x, bad<Tensor>([1, 2])), 'eq', 'array', 'tensor(');
    refused(() => T.where(bad<Tensor>(null), x, x), 'where', 'condition', 'null');
    refused(() => T.matmul(x, bad<Tensor>({ shape: [2] })), 'matmul', 'object');
  });

  it('unary ops, reductions and movement refuse what is not a tensor', () => {
    refused(() => T.exp(bad<Tensor>([1, 2])), 'exp', 'array');
    refused(() => T.neg(bad<Tensor>(null)), 'neg', 'null');
    refused(() => T.sum(bad<Tensor>(3)), 'sum', 'number 3');
    refused(() => T.argmax(bad<Tensor>(undefined)), 'argmax', 'undefined');
    refused(() => T.reshape(bad<Tensor>([1]), [1]), 'reshape', 'array');
    refused(() => T.concat([T.ones([1]), bad<Tensor>(null)]), 'concat', 'tensors[1]', 'null');
    refused(() => T.concat(bad<Tensor[]>(T.ones([1]))), 'concat', 'array of tensors');
    refused(() => T.cast(T.ones([1]), bad<T.DType>('int64')), 'cast', "'int32'", 'int64');
    refused(() => T.ones([1]).to(bad<T.DType>('float16')), 'to', 'float16');
  });

  it('unknown options and dtypes are refused, never ignored', () => {
    refused(() => T.zeros([2], bad<T.CreationOptions>({ dtyp: 'float64' })), 'full', "unknown option 'dtyp'");
    refused(() => T.zeros([2], bad<T.CreationOptions>({ dtype: 'float16' })), 'full', 'float16');
    refused(() => T.tensor([1], bad<T.CreationOptions>({ shape: [1], device: 'cuda' })), 'tensor', "'device'");
    refused(() => T.randn([2], bad<T.RandomOptions>({ seed: 1 })), 'randn', "'seed'");
    refused(() => T.variance(T.ones([3]), bad<T.VarianceOptions>({ unbaised: false })), 'var', "'unbaised'");
    refused(() => T.rand([2], { dtype: 'int32' }), 'rand', 'float dtype', 'int32');
    refused(() => T.ones([3]).std(0, bad<T.TensorVarianceOptions>(5)), 'std', 'options object', 'number 5');
  });

  it('every reduction refuses a keepdim that is not true or false (a truthy string kept the dims)', () => {
    const x = T.ones([2, 3]);
    const yes = bad<boolean>('yes');
    expect(refused(() => T.sum(x, 0, yes), 'sum')).toBe('sum: expected keepdim to be true or false, got the string "yes"');
    refused(() => x.sum(0, yes), 'sum', 'keepdim');
    refused(() => T.mean(x, 0, yes), 'mean', 'keepdim');
    refused(() => T.variance(x, { dim: 0, keepdim: yes }), 'var', 'keepdim');
    refused(() => x.std(0, { keepdim: bad<boolean>(1) }), 'std', 'keepdim', 'number 1');
    refused(() => T.variance(x, { unbiased: bad<boolean>('no') }), 'var', 'unbiased', '"no"');
    refused(() => T.amax(x, 0, yes), 'amax', 'keepdim');
    refused(() => T.amin(x, 1, bad<boolean>(null)), 'amin', 'keepdim', 'null');
    refused(() => T.argmax(x, 0, yes), 'argmax', 'keepdim');
    refused(() => T.argmin(x, null, yes), 'argmin', 'keepdim');
    refused(() => T.max(x, 0, yes), 'max', 'keepdim');
    refused(() => x.min(1, yes), 'min', 'keepdim');
    refused(() => T.logsumexp(x, 1, yes), 'logsumexp', 'keepdim');
    refused(() => x.all(0, yes), 'all', 'keepdim');
    refused(() => x.any(0, yes), 'any', 'keepdim');
    expect(T.sum(x, 0, true).shape).toEqual([1, 3]);
    expect(x.var(0, { keepdim: false, unbiased: false }).shape).toEqual([3]);
  });

  it('var and std refuse unbiased and correction together, as PyTorch (correction silently won)', () => {
    const x = T.tensor([1, 2, 4]);
    expect(refused(() => T.variance(x, { unbiased: true, correction: 0 }), 'var')).toBe('var: expected unbiased or correction, not both; got unbiased true and correction 0');
    refused(() => x.std({ unbiased: false, correction: 1 }), 'std', 'not both');
    expect(T.variance(x, { correction: 0 }).data[0]).toBeCloseTo(14 / 9, 6);
  });

  it('the option checks other packages share refuse truthy strings and misspelt choices', () => {
    expect(refused(() => T.checkBoolean('mine', 'flag', 'no'), 'mine')).toBe('mine: expected flag to be true or false, got the string "no"');
    expect(refused(() => T.checkOneOf('mine', 'task', 'regresion', ['classification', 'regression']), 'mine'))
      .toBe(`mine: expected task to be 'classification' or 'regression', got the string "regresion"`);
    expect(() => { T.checkBoolean('mine', 'flag', false); T.checkOneOf('mine', 'task', 'regression', ['regression']); }).not.toThrow();
  });
});

describe('setBackend refuses what is not a backend', () => {
  it.each([['null', null], ['undefined', undefined], ['a string', 'wasm'], ['an object without kernels', { name: 'x' }]])('%s', (_what, value) => {
    refused(() => T.setBackend(bad<T.Backend>(value)), 'setBackend', 'a Backend');
    expect(T.getBackend()).toBe(T.referenceBackend);
  });

  it('names the kernels a backend misses', () => {
    const { exp: _exp, ...kernels } = T.referenceBackend.kernels;
    refused(() => T.setBackend(bad<T.Backend>({ name: 'partial', kernels })), 'setBackend', 'missing exp');
  });
});

describe('out-of-range integers are refused instead of wrapping', () => {
  it('randint bounds must fit the dtype', () => {
    refused(() => T.randint(0, 2 ** 40, [3]), 'randint', String(2 ** 40));
    refused(() => T.randint(-(2 ** 32), 0, [3]), 'randint', String(-(2 ** 32)));
    refused(() => T.randint(0.5, 3, [3]), 'randint', '0.5');
    refused(() => T.randint(0, NaN, [3]), 'randint', 'NaN');
  });

  it('randint over the whole int32 range stays within [low, high)', () => {
    const x = T.randint(-(2 ** 31), 2 ** 31, [1000], { generator: new Generator(1) });
    expect(x.data.every((v) => v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
    const big = T.randint(2 ** 40, 2 ** 40 + 10, [200], { dtype: 'float64', generator: new Generator(2) });
    expect(big.data.every((v) => v >= 2 ** 40 && v < 2 ** 40 + 10 && Number.isInteger(v))).toBe(true);
  });

  it('full, tensor, arange and scalar operands refuse int32 overflow', () => {
    refused(() => T.full([2], 1e10, { dtype: 'int32' }), 'full', '10000000000', 'int32');
    refused(() => T.full([2], NaN, { dtype: 'int32' }), 'full', 'NaN');
    refused(() => tensor([2 ** 31], { dtype: 'int32' }), 'tensor', '2147483648');
    refused(() => T.arange(2 ** 31 - 1, 2 ** 31 + 1), 'arange', '2147483648');
    refused(() => T.add(T.ones([2], { dtype: 'int32' }), 1e10), 'add', '10000000000');
    expect(T.full([2], -2.7, { dtype: 'int32' }).tolist()).toEqual([-2, -2]); // truncation, as PyTorch converts 2.7
  });

  it('seeds and generator states must be valid', () => {
    refused(() => T.manualSeed(NaN), 'manualSeed', 'NaN');
    refused(() => new Generator(0.5), 'manualSeed', '0.5');
    refused(() => new Generator(0).setState(bad<T.GeneratorState>({ s: [0, 0, 0, 0], spare: null })), 'Generator.setState', 'not all zero');
    refused(() => new Generator(0).setState(bad<T.GeneratorState>({ s: [1, 2, 3], spare: null })), 'Generator.setState', '[1, 2, 3]');
    refused(() => new Generator(0).setState(bad<T.GeneratorState>({ s: [1, 2, 3, 4], spare: 'x' })), 'Generator.setState', 'spare');
    expect(new Generator(2 ** 32).random()).not.toBe(new Generator(0).random());
  });
});

describe('out-of-range indices are refused', () => {
  const x = T.arange(6, undefined, 1, { dtype: 'float32' }).reshape(2, 3);

  it('slice refuses fractional, NaN and non-numeric bounds', () => {
    refused(() => T.slice(x, [[0.5]]), 'slice', '0.5', 'dim 0');
    refused(() => T.slice(x, [null, [0, NaN]]), 'slice', 'NaN', 'dim 1');
    refused(() => T.slice(x, [[bad<number>('1')]]), 'slice', 'string');
    refused(() => T.slice(x, [[0, 2, 0]]), 'slice', 'step', '0');
    refused(() => T.slice(x, [[0, 1, 1, 1]]), 'slice', 'dim 0');
    refused(() => T.slice(x, [null, null, null]), 'slice', '3 ranges');
  });

  it('dims must be integers in range', () => {
    refused(() => T.sum(x, 0.5), 'sum', '0.5');
    refused(() => T.sum(x, bad<number>('1')), 'sum', 'string');
    refused(() => T.transpose(x, 0, 2), 'transpose', 'dim 2', 'out of range');
    refused(() => T.unsqueeze(x, 4), 'unsqueeze', 'dim 4');
    refused(() => T.argmax(x, 1.5), 'argmax', '1.5');
    refused(() => T.permute(x, [0, 0]), 'permute', 'repeat');
    refused(() => T.softmax(x, 2), 'softmax', 'dim 2');
  });

  it('oneHot refuses class counts that are not int32 integers or would reserve gigabytes', () => {
    const i = tensor([0, 1], { dtype: 'int32' });
    refused(() => T.oneHot(i, 2 ** 31), 'oneHot', String(2 ** 31));
    refused(() => T.oneHot(i, 2 ** 31 - 1), 'oneHot', 'GiB');
    refused(() => T.oneHot(i, 2.5), 'oneHot', '2.5');
    refused(() => T.oneHot(i, -2), 'oneHot', '-2');
    refused(() => T.oneHot(i, 0), 'oneHot', '0');
    refused(() => T.oneHot(i, 1), 'oneHot', 'index 1');
  });

  it('index tensors must be int32 tensors with indices in range', () => {
    refused(() => T.indexSelect(x, 0, tensor([2], { dtype: 'int32' })), 'indexSelect', 'index 2');
    refused(() => T.indexSelect(x, 0, tensor([-1], { dtype: 'int32' })), 'indexSelect', 'index -1');
    refused(() => T.gather(x, 1, bad<Tensor>([[0]])), 'gather', 'index', 'array');
    refused(() => T.gather(x, 1, tensor([[0.5]])), 'gather', 'float32');
  });

  it('scatterAdd refuses an index whose dims do not fit the input outside dim, as gather does', () => {
    // Both added into x's first row before: the flat positions of [1] and [1, 4] were read as [2, 3]'s.
    refused(() => T.scatterAdd(x, 1, tensor([0], { dtype: 'int32' }), T.ones([1])), 'scatterAdd', 'index shape [1]', 'input shape [2, 3]');
    refused(() => T.scatterAdd(x, 0, tensor([[0, 0, 0, 0]], { dtype: 'int32' }), T.ones([1, 4])), 'scatterAdd', '[1, 4]', 'outside dim 0');
    expect(T.scatterAdd(x, 1, tensor([[2], [0]], { dtype: 'int32' }), T.ones([2, 1])).tolist()).toEqual([[0, 1, 3], [4, 4, 5]]);
  });

  it('flatten counts a 0-d tensor as one dim, as PyTorch does', () => {
    refused(() => T.flatten(T.scalar(3), 1), 'flatten', 'dim 1');
    expect(T.flatten(T.scalar(3), 0, -1).shape).toEqual([1]);
  });
});

describe('empty reductions and clamp follow PyTorch', () => {
  const empty = T.zeros([0]);

  it.each(['amax', 'amin', 'argmax', 'argmin'] as const)('%s of an empty tensor without a dim throws', (op) => {
    refused(() => T[op](empty), op, 'empty', '[0]');
  });

  it('max and min of an empty tensor throw', () => {
    refused(() => T.max(empty), 'max', 'empty');
    refused(() => T.min(T.zeros([2, 0])), 'min', '[2, 0]');
    refused(() => empty.max(), 'max', 'empty');
  });

  it('a reduction over a dim of size 0 throws; over another dim it gives an empty result', () => {
    const x = T.zeros([0, 3]);
    refused(() => T.amax(x, 0), 'amax', 'dim 0', 'size 0');
    refused(() => T.argmax(x, 0), 'argmax', 'dim 0');
    refused(() => T.max(x, 0), 'max', 'dim 0');
    expect(T.amax(x, 1).shape).toEqual([0]);
    expect(T.argmax(x, 1).shape).toEqual([0]);
    expect(T.max(x, 1).values.shape).toEqual([0]);
  });

  it('sum, mean and logsumexp of empty tensors behave as in PyTorch', () => {
    expect(T.sum(empty).item()).toBe(0);
    expect(T.mean(empty).item()).toBeNaN();
    expect(T.logsumexp(T.zeros([0, 3]), 0).tolist()).toEqual([-Infinity, -Infinity, -Infinity]);
  });

  it('an empty tensor with huge dims exists, as in PyTorch, but its reductions are bounded like any allocation', () => {
    const wide = T.zeros([0, 1e10]);
    expect(wide.shape).toEqual([0, 1e10]);
    expect(T.sum(wide, 1).shape).toEqual([0]);
    refused(() => T.sum(wide, 0), 'sum', '10000000000 elements', 'GiB');
    refused(() => T.mean(wide, 0), 'sum', 'GiB');
    refused(() => T.zeros([0, 2 ** 53 - 1, 2 ** 53 - 1]).sum(0), 'sum', 'GiB');
    expect(T.mean(T.zeros([0, 3]), 0).tolist()).toEqual([NaN, NaN, NaN]);
  });

  it('a dim beyond 2^53 - 1 is refused even in an empty tensor: it is no longer exact', () => {
    refused(() => T.zeros([0, 1e300]), 'full', 'dim 1 of [0, 1e+300] is 1e+300', String(Number.MAX_SAFE_INTEGER));
    refused(() => new Tensor(new Float32Array(0), [2 ** 53, 0]), 'Tensor', 'dim 0');
  });

  it('clamp with min > max sets every element to max', () => {
    expect(T.clamp(tensor([1, 3, 5]), 4, 2).tolist()).toEqual([2, 2, 2]);
    expect(tensor([-1, 0, 9]).clamp(1, 0).tolist()).toEqual([0, 0, 0]);
    expect(T.clamp(tensor([1, 3, 5]), 2, 4).tolist()).toEqual([2, 3, 4]);
    refused(() => T.clamp(tensor([1]), null), 'clamp', 'neither');
  });
});
