import { describe, expect, it } from 'vitest';
import { parseRecipeOptions } from './options.js';

describe('pnpm bench --recipe options', () => {
  it('defaults to the recipe\'s 20 epochs, starting at one thread', () => {
    const o = parseRecipeOptions(['--recipe']);
    expect(o).toMatchObject({ epochs: 20, help: false });
    expect(o.threadCounts[0]).toBe(1);
  });

  it('reads --epochs and --threads', () => {
    expect(parseRecipeOptions(['--recipe', '--epochs', '1', '--threads', '1'])).toEqual({ epochs: 1, threadCounts: [1], profile: false, steps: 50, help: false });
    expect(parseRecipeOptions(['--recipe', '--threads=2,1']).threadCounts).toEqual([2, 1]);
    expect(parseRecipeOptions(['--recipe', '--help']).help).toBe(true);
  });

  it('refuses malformed values and unknown flags', () => {
    expect(() => parseRecipeOptions(['--recipe', '--epochs', '0'])).toThrow(/--epochs: expected a positive integer, got "0"/);
    expect(() => parseRecipeOptions(['--recipe', '--epochs', '2.5'])).toThrow(/--epochs/);
    expect(() => parseRecipeOptions(['--recipe', '--threads', '1,x'])).toThrow(/--threads: expected a positive integer, got "x"/);
    expect(() => parseRecipeOptions(['--recipe', '--threads', '2,2'])).toThrow(/each count once/);
    expect(() => parseRecipeOptions(['--recipe', '--seed', '1'])).toThrow(/Unknown option/);
    expect(() => parseRecipeOptions(['--recipe', 'extra'])).toThrow(/positional/);
  });

  it('reads --profile with --steps, and refuses the flags each form would ignore', () => {
    expect(parseRecipeOptions(['--recipe', '--profile', '--steps', '20', '--threads', '1'])).toMatchObject({ profile: true, steps: 20, threadCounts: [1] });
    expect(parseRecipeOptions(['--recipe', '--profile']).steps).toBe(50);
    expect(() => parseRecipeOptions(['--recipe', '--profile', '--epochs', '2'])).toThrow(/--epochs does not apply to --recipe --profile/);
    expect(() => parseRecipeOptions(['--recipe', '--steps', '20'])).toThrow(/--steps applies only to --recipe --profile/);
    expect(() => parseRecipeOptions(['--recipe', '--profile', '--steps', '0'])).toThrow(/--steps: expected a positive integer/);
  });

  it('refuses the other modes\' flags, which it would ignore', () => {
    expect(() => parseRecipeOptions(['--recipe', '--quick'])).toThrow(/--quick does not apply to --recipe/);
    expect(() => parseRecipeOptions(['--recipe', '--batch', '64'])).toThrow(/--batch does not apply to --recipe/);
    expect(() => parseRecipeOptions(['--recipe', '--backend=blas'])).toThrow(/--backend does not apply to --recipe/);
    expect(() => parseRecipeOptions(['--recipe', '--memory'])).toThrow(/--memory does not apply/);
  });
});
