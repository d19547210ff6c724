import { describe, expect, it } from 'vitest';
import {
  MlpkitError, add, concat, gather, indexSelect, matmul, ones, permute, randn, reshape, sum, tensor, transpose, zeros,
} from './index.js';

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MlpkitError);
    return (error as Error).message;
  }
  throw new Error('expected an MlpkitError, but nothing was thrown');
}

describe('bad input names the op, what it expected and what it got', () => {
  it('shapes that do not broadcast', () => {
    expect(message(() => add(zeros([2, 3]), zeros([4, 3])))).toBe(
      'add: shapes [2, 3] and [4, 3] cannot be broadcast together (dimension -2 is 2 vs 4)',
    );
  });

  it('matmul inner dimensions', () => {
    expect(message(() => matmul(zeros([64, 784]), zeros([512, 256])))).toBe('matmul: inner dimensions differ: [64, 784] @ [512, 256]');
    expect(message(() => matmul(zeros([3]), zeros([4])))).toMatch(/^matmul: inner dimensions differ: \[3\] @ \[4\]/);
  });

  it('reshape to a different size', () => {
    expect(message(() => reshape(zeros([2, 3]), [4, 2]))).toBe(
      'reshape: cannot reshape a tensor of shape [2, 3] (6 elements) into [4, 2]',
    );
    expect(message(() => reshape(zeros([2, 3]), [-1, -1]))).toMatch(/only one dimension can be -1/);
  });

  it('a dim out of range', () => {
    expect(message(() => sum(zeros([2, 3]), 2))).toBe('sum: dim 2 is out of range for a tensor of 2 dimension(s) (expected -2..1)');
    expect(message(() => transpose(zeros([2, 3]), 0, -3))).toMatch(/^transpose: dim -3 is out of range/);
    expect(message(() => permute(zeros([2, 3]), [0, 0]))).toMatch(/^permute: dims \[0, 0\] repeat a dim/);
  });

  it('an index out of range', () => {
    const idx = tensor([0, 5], { dtype: 'int32' });
    expect(message(() => indexSelect(zeros([3, 2]), 0, idx))).toBe('indexSelect: index 5 is out of range for dim 0 of size 3');
  });

  it('an index tensor of the wrong dtype', () => {
    expect(message(() => gather(zeros([3, 2]), 0, tensor([[0, 1]])))).toBe('gather: expected an int32 index tensor, got dtype float32');
  });

  it('concat with mismatched shapes and ragged nested arrays', () => {
    expect(message(() => concat([ones([2, 3]), ones([2, 4])], 0))).toMatch(/^concat: shapes must match except in dim 0: \[2, 3\] vs \[2, 4\]/);
    expect(message(() => tensor([[1, 2], [3]]))).toMatch(/^tensor: nested arrays are ragged/);
  });

  it('random creation refuses bad shapes', () => {
    expect(message(() => randn([2, -1]))).toBe('randn: expected non-negative integer dims, got -1 at dim 1 of [2, -1]');
  });
});
