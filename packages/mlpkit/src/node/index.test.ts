import { describe, expect, it } from 'vitest';
import * as node from './index.js';

describe('mlpkit/node', () => {
  it('gathers the Node-only entries of the packages under their names', () => {
    expect(typeof node.datasets.loadFashionMnist).toBe('function');
    expect(typeof node.nn.saveFile).toBe('function');
    expect(typeof node.train.ProgressBar).toBe('function');
    expect(typeof node.backendWasm.createWasmBackend).toBe('function');
    expect(typeof node.backendBlas.createBlasBackend).toBe('function');
  });
});
