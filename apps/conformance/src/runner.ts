import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadCases } from './fixture.js';
import { type CaseResult, runCase } from './run-case.js';
import type { HandlerTable } from './types.js';

export interface FileSummary {
  file: string;
  passed: number;
  failed: number;
  missing: number;
  results: CaseResult[];
}

/** Every `*.json` fixture file in `dir`, sorted by name. */
export function fixtureFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => join(dir, f));
}

/** Runs every case of one file; cases are dispatched by their `op`, never by name. */
export async function runFile(path: string, handlers: HandlerTable): Promise<FileSummary> {
  const results: CaseResult[] = [];
  for (const c of loadCases(path)) results.push(await runCase(c, handlers[c.op]));
  const count = (s: CaseResult['status']) => results.filter((r) => r.status === s).length;
  return { file: basename(path), passed: count('passed'), failed: count('failed'), missing: count('missing'), results };
}
