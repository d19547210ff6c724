import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { noGrad } from '@mlpkit/autograd';
import { Linear, Sequential, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { type Tensor, clamp, manualSeed, randn, tensor } from '@mlpkit/tensor';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchNorm1d } from './layers/batch-norm-1d.js';

// Files PyTorch wrote (fixtures/pytorch-files/make_files.py): nn.Sequential(Linear(4, 8),
// BatchNorm1d(8), ReLU(), Linear(8, 3)) after three training batches, in float32, F16 and BF16.
const dir = resolve(__dirname, '../../../fixtures/pytorch-files');
const expected = JSON.parse(readFileSync(join(dir, 'bn-mlp.json'), 'utf8')) as {
  input: { shape: number[]; data: number[] };
  files: Record<string, { keys: string[]; output: { shape: number[]; data: number[] } }>;
};

const relu = (x: Tensor) => clamp(x, 0);
const sameArchitecture = () => new Sequential(new Linear(4, 8), new BatchNorm1d(8), relu, new Linear(8, 3));
const evalOutput = (model: Sequential, x: Tensor) => noGrad(() => model.eval().forward(x));

function python(): string | null {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? '/usr/bin/python3' : null;
}

describe('files interchange with PyTorch', () => {
  for (const [name, want] of Object.entries(expected.files))
    it(`loads PyTorch's ${name} unchanged into the same mlpkit architecture and gives PyTorch's eval outputs`, () => {
      const { tensors, verified } = loadSafetensors(readFileSync(join(dir, name)));
      expect(verified).toBe(false);
      expect(Object.keys(tensors)).toEqual(want.keys);
      const model = sameArchitecture();
      expect(model.loadStateDict(tensors)).toEqual({ missingKeys: [], unexpectedKeys: [] });
      expect((model.children()[1] as BatchNorm1d).numBatchesTracked!.item()).toBe(3);
      const y = evalOutput(model, tensor(expected.input.data).reshape(expected.input.shape));
      expect(y.shape).toEqual(want.output.shape);
      y.data.forEach((v, i) => expect(v).toBeCloseTo(want.output.data[i], 5));
    });

  const torch = python();
  if (!torch) console.warn('skipping "PyTorch loads a file mlpkit wrote": /usr/bin/python3 with torch is not installed here');
  const work = mkdtempSync(join(tmpdir(), 'mlpkit-interchange-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.skipIf(!torch)('PyTorch loads a file mlpkit wrote (strict load_state_dict) and gives mlpkit\'s eval outputs', () => {
    manualSeed(7);
    const model = sameArchitecture();
    for (let i = 0; i < 2; i++) model.train().forward(randn([16, 4]).mul(2));
    const x = randn([5, 4]);
    const mine = evalOutput(model, x);
    const path = join(work, 'mlpkit.safetensors');
    writeFileSync(path, saveSafetensors(model.stateDict(), { note: 'from mlpkit' }));
    const input = JSON.stringify({ shape: x.shape, data: [...x.data] });
    const out = execFileSync(torch!, [join(dir, 'load_in_torch.py'), path, '4', '3', '8', input], { encoding: 'utf8' });
    const theirs = JSON.parse(out) as { shape: number[]; data: number[]; num_batches_tracked: number };
    expect(theirs.shape).toEqual(mine.shape);
    expect(theirs.num_batches_tracked).toBe(2);
    mine.data.forEach((v, i) => expect(theirs.data[i]).toBeCloseTo(v, 5));
  }, 60_000);
});
