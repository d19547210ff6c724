import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** One case of fixtures/pytorch/optimizers.json, as the tests read it. */
export interface Case {
  name: string;
  op: string;
  params: Record<string, any>;
  inputs: Record<string, { shape: number[]; data: number[] }>;
  outputs: Record<string, { shape: number[]; data: number[] }>;
  error?: { type: string; message: string };
}

/** The cases of fixtures/pytorch/optimizers.json (PyTorch 1.13.1 reference values). */
export function optimizerCases(): Case[] {
  const path = resolve(__dirname, '../../../../fixtures/pytorch/optimizers.json');
  return (JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }).cases;
}

/** PyTorch's snake_case names in camelCase (`weight_decay` → `weightDecay`, `T_max` → `TMax`). */
export const camel = (key: string): string => key.replace(/_([A-Za-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** Largest |got − want| / (atol + rtol·|want|); at most 1 means within tolerance. */
export function worstRatio(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]) / (atol + rtol * Math.abs(want[i])));
  return got.length === want.length ? worst : Infinity;
}
