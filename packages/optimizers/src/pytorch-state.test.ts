import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import * as O from './index.js';

// PyTorch's own optimizer.state_dict() after three steps, as JSON (fixtures/pytorch-files/make_optimizer_states.py).
interface Case { optimizer: keyof typeof makers; state_dict: O.OptimizerStateDict; params: number[][]; shapes: number[][]; grads: number[][]; after: number[][] }
const { cases } = JSON.parse(readFileSync(resolve(__dirname, '../../../fixtures/pytorch-files/optimizer-states.json'), 'utf8')) as { cases: Case[] };

// Built with defaults only: the hyperparameters come from PyTorch's state dict.
const makers = {
  Adam: (ps: Tensor[]) => new O.Adam([{ params: [ps[0]] }, { params: [ps[1]] }]),
  AdamW: (ps: Tensor[]) => new O.AdamW(ps),
  SGD: (ps: Tensor[]) => new O.SGD(ps),
  RMSprop: (ps: Tensor[]) => new O.RMSprop(ps),
};

describe('optimizer states written by PyTorch', () => {
  for (const c of cases)
    it(`${c.optimizer}: PyTorch's state_dict loads unchanged and the next step matches PyTorch's`, () => {
      const params = c.params.map((values, i) => new Tensor(Float32Array.from(values), c.shapes[i]));
      const opt = makers[c.optimizer](params);
      opt.loadStateDict(c.state_dict);
      expect(opt.paramGroups[0].lr).toBe(c.state_dict.param_groups[0].lr);
      params.forEach((p, i) => (p.grad = new Tensor(Float32Array.from(c.grads[i]), c.shapes[i])));
      opt.step();
      params.forEach((p, i) => p.data.forEach((v, j) => expect(v).toBeCloseTo(c.after[i][j], 6)));
      // And back: mlpkit's state dict has PyTorch's keys, groups and per-parameter entries.
      const saved = opt.stateDict();
      expect(Object.keys(saved.state[0]).sort()).toEqual(Object.keys(c.state_dict.state[0]).sort());
      expect(saved.param_groups.map((g) => g.params)).toEqual(c.state_dict.param_groups.map((g) => g.params));
    });
});
