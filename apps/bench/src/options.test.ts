import { describe, expect, it } from 'vitest';
import { parseOptions } from './options.js';

describe('bench options', () => {
  it('defaults to a full side-by-side run', () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ quick: false, only: 'all', mode: 'bench', help: false, memory: { epochs: 100, images: 6000, batch: 64 } });
    expect(o.threadCounts[0]).toBe(1);
  });

  it('reads the flags the README documents', () => {
    expect(parseOptions(['--quick', '--threads', '1,2', '--only', 'w1'])).toMatchObject({ quick: true, threadCounts: [1, 2], only: 'w1' });
    expect(parseOptions(['--memory', '--epochs', '3', '--images', '500'])).toMatchObject({ mode: 'memory', memory: { epochs: 3, images: 500, batch: 64 } });
    expect(parseOptions(['--memory', '--quick']).memory.epochs).toBe(10);
    expect(parseOptions(['--profile']).mode).toBe('profile');
    expect(parseOptions(['--profile']).backends).toEqual(['wasm', 'blas']);
    expect(parseOptions(['--memory', '--backend', 'blas']).backends).toEqual(['blas']);
    expect(parseOptions(['--help']).help).toBe(true);
    expect([parseOptions([]).rounds, parseOptions(['--quick']).rounds, parseOptions(['--rounds', '5', '--only', 'w1']).rounds]).toEqual([3, 1, 5]);
  });

  it('refuses what it does not understand instead of running the whole bench', () => {
    expect(() => parseOptions(['--hepl'])).toThrow(/Unknown option/);
    expect(() => parseOptions(['--only', 'tfjs'])).toThrow(/--only: expected matmul or w1/);
    expect(() => parseOptions(['--threads', '1,two'])).toThrow(/--threads: expected a positive integer, got "two"/);
    expect(() => parseOptions(['--threads', '0'])).toThrow(/--threads/);
    expect(() => parseOptions(['--memory', '--profile'])).toThrow(/pick one/);
    expect(() => parseOptions(['--threads', '1,1'])).toThrow(/each count once/);
    expect(() => parseOptions(['--profile', '--backend', 'gpu'])).toThrow(/--backend: expected wasm or blas, got "gpu"/);
    expect(() => parseOptions(['--backend', 'blas'])).toThrow(/--backend belongs to --memory and --profile/);
  });

  it('refuses flags that the chosen mode would silently ignore', () => {
    expect(() => parseOptions(['--epochs', '5'])).toThrow(/--epochs belongs to --memory/);
    expect(() => parseOptions(['--profile', '--batch', '32'])).toThrow(/--batch belongs to --memory/);
    expect(() => parseOptions(['--memory', '--only', 'w1'])).toThrow(/--memory runs its own workload/);
    expect(() => parseOptions(['--profile', '--only', 'matmul'])).toThrow(/--profile runs its own workload/);
    expect(() => parseOptions(['--memory', '--threads', '1,2'])).toThrow(/one thread count/);
    expect(parseOptions(['--memory', '--threads', '1']).threadCounts).toEqual([1]);
    expect(() => parseOptions(['--profile', '--rounds', '2'])).toThrow(/--rounds belongs to the side-by-side W1 run/);
    expect(() => parseOptions(['--only', 'matmul', '--rounds', '2'])).toThrow(/--rounds belongs/);
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/--rounds: expected a positive integer/);
  });
});
