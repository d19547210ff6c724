import { describe, expect, it } from 'vitest';
import { RECYCLE_MIN_LENGTH, recycleFloat32, uninitializedFloat32 } from './recycled-float32.js';
import { inStepScope, openStepScope } from './step-scope.js';
import { Tensor } from './tensor.js';

const n = RECYCLE_MIN_LENGTH + 5; // a length no other test uses

describe('openStepScope', () => {
  it('reuses what a step made, except the survivors, and nothing a caller made', () => {
    const callers = new Float32Array(n);
    const scope = openStepScope('test');
    const dead = uninitializedFloat32(n);
    const kept = uninitializedFloat32(n);
    const viewKept = uninitializedFloat32(n);
    const param = new Tensor(kept, [n]);
    param.grad = new Tensor(viewKept.subarray(1), [n - 1]);
    expect(scope.release([param, callers, null, undefined])).toBe(1);
    const next = [uninitializedFloat32(n), uninitializedFloat32(n)];
    expect(next[0]).toBe(dead);
    for (const a of next) expect([kept, viewKept, callers]).not.toContain(a);
  });

  it('reuses nothing after abandon(), nor arrays handed out outside a scope', () => {
    const before = uninitializedFloat32(n);
    const scope = openStepScope('test');
    const made = uninitializedFloat32(n);
    scope.abandon();
    const closed = openStepScope('test');
    expect(closed.release([])).toBe(0);
    expect(uninitializedFloat32(n)).not.toBe(made);
    expect(uninitializedFloat32(n)).not.toBe(before);
  });

  it('hands an array out once after release, though the step recycled it and took it again', () => {
    const scope = openStepScope('test');
    const a = uninitializedFloat32(n);
    expect(recycleFloat32(a)).toBe(true); // as autograd's walker does with a consumed gradient
    expect(uninitializedFloat32(n)).toBe(a); // noted a second time
    scope.release([]);
    const [first, second] = [uninitializedFloat32(n), uninitializedFloat32(n)];
    expect(first).toBe(a);
    expect(second).not.toBe(a);
  });

  it('refuses a second scope while one is open, and ending a scope twice', () => {
    const scope = openStepScope('test');
    expect(() => openStepScope('myLoop')).toThrow(/myLoop: a step scope is already open/);
    scope.release([]);
    expect(() => scope.abandon()).toThrow(/already ended/);
    openStepScope('test').abandon();
  });

  it('inStepScope reuses what the body made after it returns, but not after it throws or when told not to', () => {
    const kept = new Tensor(new Float32Array(n), [n]);
    const made = inStepScope('test', () => [uninitializedFloat32(n), uninitializedFloat32(n)], () => [kept]);
    expect(uninitializedFloat32(n)).toBe(made[1]);
    expect(uninitializedFloat32(n)).toBe(made[0]);
    let thrownAway: Float32Array | null = null;
    expect(() => inStepScope('test', () => { thrownAway = uninitializedFloat32(n); throw new Error('step failed'); }, () => [])).toThrow('step failed');
    const notReusable = inStepScope('test', () => uninitializedFloat32(n), () => [], () => false);
    const next = uninitializedFloat32(n);
    expect([thrownAway, notReusable]).not.toContain(next);
    // A scope that threw is closed: the next one opens.
    inStepScope('test', () => null, () => []);
  });

  it('refuses bad arguments with errors that name what it expected, and leaves no scope open', () => {
    expect(() => openStepScope(3 as never)).toThrow(/openStepScope: op: expected the name of the loop, a string, got/);
    expect(() => inStepScope('test', 'step' as never, () => [])).toThrow(/inStepScope: body: expected a function, got/);
    expect(() => inStepScope('test', () => 1, [] as never)).toThrow(/inStepScope: survivors: expected a function/);
    const made = openStepScope('myLoop');
    const a = uninitializedFloat32(n);
    expect(() => made.release(5 as never)).toThrow(/myLoop: release: expected an iterable of what survives the step/);
    expect(uninitializedFloat32(n)).not.toBe(a);
    openStepScope('test').abandon();
  });
});
