import { describe, expect, it } from 'vitest';
import { leaveIterator } from './leave-iterator.js';

/** An iterator whose return() counts its calls and throws when asked to. */
function closable(throwOnReturn: boolean) {
  const state = { returned: 0 };
  const it: Iterator<number> = {
    next: () => ({ done: false, value: 1 }),
    return: () => {
      state.returned++;
      if (throwOnReturn) throw new Error('return failed');
      return { done: true, value: undefined };
    },
  };
  return { it, state };
}

describe('leaveIterator', () => {
  it('calls return(), and lets its error through when nothing else failed', () => {
    const ok = closable(false);
    leaveIterator(ok.it, false);
    expect(ok.state.returned).toBe(1);
    expect(() => leaveIterator(closable(true).it, false)).toThrow('return failed');
  });

  it('drops an error from return() while another error is on its way', () => {
    const bad = closable(true);
    expect(() => leaveIterator(bad.it, true)).not.toThrow();
    expect(bad.state.returned).toBe(1);
    expect(() => leaveIterator({ next: () => ({ done: true, value: undefined }) }, true)).not.toThrow();
  });
});
