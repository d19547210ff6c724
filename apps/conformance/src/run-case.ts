import { MlpkitError, type Tensor } from '@mlpkit/tensor';
import { mismatch, toleranceFor } from './compare.js';
import { toTensor } from './fixture.js';
import type { CaseHandler, CaseOutcome, FixtureCase } from './types.js';

export type CaseStatus = 'passed' | 'failed' | 'missing';

export interface CaseResult {
  name: string;
  status: CaseStatus;
  problems: string[];
}

/** The output `grad_of` names: "sum(grad_output * outputs.loss)" or "outputs.value". */
export function gradTarget(gradOf: string | undefined): string | null {
  const match = /outputs\.([A-Za-z0-9_]+)/.exec(gradOf ?? '');
  return match ? match[1] : null;
}

function compareOutputs(c: FixtureCase, outcome: CaseOutcome, problems: string[]): void {
  const skipped = new Set(outcome.skipOutputs ?? []);
  for (const [key, want] of Object.entries(c.outputs)) {
    if (skipped.has(key)) continue;
    const got = outcome.outputs?.[key];
    if (got === undefined) { problems.push(`output '${key}' not produced`); continue; }
    const why = mismatch(got, want, toleranceFor(c, want));
    if (why) problems.push(`output '${key}': ${why}`);
  }
}

function compareGrads(c: FixtureCase, outcome: CaseOutcome, problems: string[]): void {
  if (c.no_grad || !c.grads) return;
  let computed = outcome.grads;
  if (!computed) {
    const target = gradTarget(c.grad_of);
    const out = target ? outcome.outputs?.[target] : undefined;
    if (!out || typeof out === 'number' || Array.isArray(out)) { problems.push(`cannot run backward: output '${target}' is not a tensor`); return; }
    (out as Tensor).backward(c.grad_output ? toTensor(c.grad_output) : undefined);
    computed = Object.fromEntries(Object.entries(outcome.leaves ?? {}).flatMap(([k, t]) => (t.grad ? [[k, t.grad]] : [])));
  }
  for (const [key, want] of Object.entries(c.grads)) {
    const got = computed[key];
    if (!got) { problems.push(`no gradient for '${key}'`); continue; }
    const why = mismatch(got, want, toleranceFor(c, want));
    if (why) problems.push(`grad '${key}': ${why}`);
  }
}

/** The numbers a message names (sizes, counts), so an error can be held to say what it got. */
function numbersIn(message: string): string[] {
  return message.match(/-?\d+(\.\d+)?/g) ?? [];
}

/** Runs one case through its handler and judges outputs, gradients, checks and expected errors. */
export async function runCase(c: FixtureCase, handler: CaseHandler | undefined): Promise<CaseResult> {
  if (!handler) return { name: c.name, status: 'missing', problems: [`no handler for op '${c.op}'`] };
  const problems: string[] = [];
  try {
    const outcome = await handler(c);
    if (c.error) problems.push(`expected an error (${c.error.type}: ${c.error.message}), but nothing was thrown`);
    else {
      compareOutputs(c, outcome, problems);
      compareGrads(c, outcome, problems);
    }
    for (const check of outcome.checks ?? []) if (!check.ok) problems.push(`${check.what}${check.detail ? `: ${check.detail}` : ''}`);
  } catch (error) {
    if (!c.error || !(error instanceof MlpkitError)) problems.push(`threw ${(error as Error).stack ?? error}`);
    else {
      const missing = numbersIn(c.error.message).filter((n) => !numbersIn(error.message).includes(n));
      if (missing.length)
        problems.push(`the error does not name ${missing.join(', ')} as PyTorch's does (${c.error.message}); got: ${error.message}`);
    }
  }
  return { name: c.name, status: problems.length ? 'failed' : 'passed', problems };
}
