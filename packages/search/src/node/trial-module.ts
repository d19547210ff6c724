import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MlpkitError } from '@mlpkit/tensor';
import type { TrialFunction } from '../run-trial.js';

/**
 * What a trial module exports. The module path is how a search reaches its trial processes and other
 * machines: each imports it. `trial` (or the default export) is required.
 */
export interface TrialModule {
  trial: TrialFunction;
  /** Runs once in each trial process (or thread) before its first trial, e.g. to choose its backend. */
  setup?: () => void | Promise<void>;
  /** Identifies the data the trial trains on (a version, or a hash of its files); part of the search's fingerprint. */
  dataFingerprint?: string | (() => string | Promise<string>);
}

/** The absolute path of a trial module, checked to exist. */
export function resolveModule(op: string, path: unknown, base = process.cwd()): string {
  if (typeof path !== 'string' || path === '') throw new MlpkitError(op, `module: expected the path of a module exporting trial(params, ctx), got ${String(path)}`);
  const abs = isAbsolute(path) ? path : resolve(base, path);
  if (!existsSync(abs)) throw new MlpkitError(op, `module: ${abs} does not exist`);
  return abs;
}

/** The module path as other machines should see it: relative to the working directory when inside it. */
export function portablePath(abs: string, base = process.cwd()): string {
  const rel = relative(base, abs);
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

/** Imports a trial module and checks its exports. */
export async function loadTrialModule(abs: string): Promise<TrialModule> {
  const mod = (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  const trial = mod.trial ?? mod.default;
  if (typeof trial !== 'function') {
    throw new MlpkitError('search', `${abs} must export its trial function: export async function trial(params, ctx) { ... return score; }`);
  }
  if (mod.setup !== undefined && typeof mod.setup !== 'function') throw new MlpkitError('search', `${abs}: setup must be a function`);
  return { trial: trial as TrialFunction, setup: mod.setup as TrialModule['setup'], dataFingerprint: mod.dataFingerprint as TrialModule['dataFingerprint'] };
}

/** Why a trial module could not be loaded (or its `setup()` run), naming it. */
export function loadFailure(abs: string, error: unknown): string {
  return `could not load the trial module ${abs}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * The search's fingerprint: a hash of the trial module's source and its `dataFingerprint`. A
 * queue worker whose copy differs refuses the search's trials.
 */
export async function fingerprint(abs: string, mod: TrialModule): Promise<string> {
  const data = typeof mod.dataFingerprint === 'function' ? await mod.dataFingerprint() : (mod.dataFingerprint ?? '');
  return createHash('sha256').update(readFileSync(abs)).update('\0').update(String(data)).digest('hex').slice(0, 16);
}
