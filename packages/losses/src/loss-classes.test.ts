import { describe, expect, it } from 'vitest';
import {
  BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss,
} from './index.js';

describe('the loss classes', () => {
  it.each([BCELoss, BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, NLLLoss, SmoothL1Loss])('%o refuses a misspelt option when it is made', (Loss) => {
    expect(() => new Loss({ reductoin: 'sum' } as object)).toThrow(`${Loss.name}: unknown option 'reductoin'`);
    expect(new Loss({ reduction: 'sum' }).options).toEqual({ reduction: 'sum' });
  });
});
