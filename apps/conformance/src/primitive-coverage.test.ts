// Every primitive of the kernel table has a PyTorch fixture case, so a new primitive cannot
// land with a kernel and a gradient that nothing compares with PyTorch (issue 18).
import { resolve } from 'node:path';
import { referenceKernels } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { loadCases } from './fixture.js';
import { fixtureFiles } from './runner.js';

const dir = resolve(__dirname, '../../../fixtures/pytorch');

/** PyTorch's name for a primitive: snake_case, and `cast` is `Tensor.to`. */
const torchName = (primitive: string) => (primitive === 'cast' ? 'to' : primitive.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

describe('the fixtures', () => {
  it('have a case for every primitive of the kernel table', () => {
    const ops = new Set(fixtureFiles(dir).flatMap((f) => loadCases(f).map((c) => c.op)));
    const primitives = Object.keys(referenceKernels);
    expect(primitives.length).toBeGreaterThan(40);
    expect(primitives.filter((p) => !ops.has(torchName(p)))).toEqual([]);
  });

  it('name primitives as PyTorch does', () => {
    expect(['scatterAdd', 'indexSelect', 'cast', 'exp'].map(torchName)).toEqual(['scatter_add', 'index_select', 'to', 'exp']);
  });
});
