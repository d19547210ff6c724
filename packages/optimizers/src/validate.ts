import { MlpkitError, checkBoolean } from '@mlpkit/tensor';

// PyTorch checks these in every optimizer's constructor; the messages keep PyTorch's words
// ("Invalid learning rate") and add the argument's camelCase name and the value received.

/** Throws unless `value` is a finite number >= 0 (PyTorch: `Invalid <what>: <value>`). */
export function checkNonNegative(op: string, name: string, what: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity)
    throw new MlpkitError(op, `Invalid ${what} (${name}): expected ${name} >= 0, got ${String(value)}`);
}

/** Throws unless 0 <= value <= 1 (Adadelta's rho, RMSprop's alpha are allowed to reach 1). */
export function checkUnitClosed(op: string, name: string, value: number): void {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    throw new MlpkitError(op, `Invalid ${name} value: expected 0 <= ${name} <= 1, got ${String(value)}`);
}

/** Throws unless both betas lie in [0, 1) (PyTorch: `Invalid beta parameter at index i`). */
export function checkBetas(op: string, betas: readonly number[]): void {
  if (!Array.isArray(betas) || betas.length !== 2)
    throw new MlpkitError(op, `betas: expected a pair [beta1, beta2], got ${JSON.stringify(betas)}`);
  betas.forEach((beta, i) => {
    if (typeof beta !== 'number' || !(beta >= 0 && beta < 1))
      throw new MlpkitError(op, `Invalid beta parameter at index ${i} (betas[${i}]): expected 0 <= betas[${i}] < 1, got ${String(beta)}`);
  });
}

/** The checks every optimizer makes on its learning rate and weight decay. */
export function checkLrAndWeightDecay(op: string, h: { lr: number; weightDecay?: number }): void {
  checkNonNegative(op, 'lr', 'learning rate', h.lr);
  if (h.weightDecay !== undefined) checkNonNegative(op, 'weightDecay', 'weight_decay value', h.weightDecay);
}

/** The checks of the Adam family (Adam, AdamW, Adamax, NAdam, RAdam): lr, weight decay, eps, betas. */
export function checkAdamOptions(op: string, h: { lr: number; weightDecay: number; eps: number; betas: readonly number[] }): void {
  checkLrAndWeightDecay(op, h);
  checkNonNegative(op, 'eps', 'epsilon value', h.eps);
  checkBetas(op, h.betas);
}

/**
 * Throws unless each named switch is true or false: a string such as `"false"` is truthy, so
 * taken as is it would flip the rule it names (`maximize: "false"` climbs the loss).
 */
export function checkSwitches<H extends object>(op: string, h: H, names: readonly (keyof H & string)[]): void {
  for (const name of names) checkBoolean(op, name, h[name]);
}
