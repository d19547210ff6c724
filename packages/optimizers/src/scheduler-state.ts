import type { StateReader } from '@mlpkit/tensor';
import type { LRScheduler } from './lr-scheduler.js';

/**
 * The fields of a saved scheduler state, by PyTorch's key (`last_epoch`), from an object that
 * may use either that key or the camelCase one older mlpkit files used (`lastEpoch`). `fields`
 * maps each PyTorch key to its older name; every field is required and no other is accepted.
 */
export function readSchedulerFields(read: StateReader, path: string, state: unknown, fields: Readonly<Record<string, string>>): Record<string, unknown> {
  read.deep(path, state);
  const known = Object.entries(fields).flat();
  const raw = read.object(path, state, { optional: known });
  const out: Record<string, unknown> = {};
  for (const [key, legacy] of Object.entries(fields)) {
    if (!Object.hasOwn(raw, key) && !Object.hasOwn(raw, legacy)) read.fail(read.at(path, key), 'a value', undefined);
    // Both spellings at once: one would silently win.
    if (key !== legacy && Object.hasOwn(raw, key) && Object.hasOwn(raw, legacy)) read.fail(read.at(path, legacy), `no value (the state holds ${key} too)`, raw[legacy]);
    out[key] = Object.hasOwn(raw, key) ? raw[key] : raw[legacy];
  }
  return out;
}

/** A state field holding one learning rate per parameter group. */
export function readLrs(read: StateReader, path: string, value: unknown, groups: number): number[] {
  return Array.from(read.numbers(path, value, { length: groups, min: 0 }));
}

/** Checks the saved states of a composite's inner schedulers, all of them, and returns what applies them. */
export function readInnerStates(read: StateReader, value: unknown, schedulers: readonly LRScheduler[]): () => void {
  const states = read.array('_schedulers', value, schedulers.length);
  const applies = schedulers.map((s, i) => s.prepareLoad(read, `_schedulers[${i}]`, states[i]));
  return () => applies.forEach((apply) => apply());
}
