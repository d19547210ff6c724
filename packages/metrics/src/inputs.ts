import { MlpkitError, Tensor, formatShape } from '@mlpkit/tensor';

/** A 1-D input: a Tensor of shape [N], a plain array or a typed array. */
export type Vector = Tensor | ArrayLike<number>;

/** A 1-D or 2-D input: a Tensor of shape [N] or [N, C], a flat array, or rows as nested arrays. */
export type Matrix = Tensor | ArrayLike<number> | readonly ArrayLike<number>[];

/** Class indices ([N] integers), or scores/logits [N, C] whose row-wise argmax is the class. */
export type Predictions = Matrix;

/** An input read into float64 storage: `cols` is null for a 1-D input. */
export interface Table {
  data: Float64Array;
  rows: number;
  cols: number | null;
}

function isNested(x: Matrix): x is readonly ArrayLike<number>[] {
  return !(x instanceof Tensor) && x.length > 0 && typeof x[0] === 'object' && x[0] !== null;
}

function fromNested(op: string, name: string, rows: readonly ArrayLike<number>[]): Table {
  const cols = rows[0].length;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    if (row.length !== cols) throw new MlpkitError(op, `${name}: rows differ in length: row 0 has ${cols} values, row ${i} has ${row.length}`);
    for (let j = 0; j < cols; j++) data[i * cols + j] = Number(row[j]);
  });
  return { data, rows: rows.length, cols };
}

/** Reads a 1-D or 2-D input into float64 (metrics are computed in float64, as scikit-learn does). */
export function readTable(op: string, name: string, x: Matrix): Table {
  if (x === null || x === undefined || typeof x !== 'object')
    throw new MlpkitError(op, `${name}: expected a Tensor or an array, got ${x === null ? 'null' : typeof x}`);
  if (isNested(x)) return fromNested(op, name, x);
  if (x instanceof Tensor) {
    if (x.ndim !== 1 && x.ndim !== 2) throw new MlpkitError(op, `${name}: expected shape [N] or [N, C], got ${formatShape(x.shape)}`);
    return { data: Float64Array.from(x.data), rows: x.shape[0], cols: x.ndim === 2 ? x.shape[1] : null };
  }
  return { data: Float64Array.from(x as ArrayLike<number>, Number), rows: x.length, cols: null };
}

function rowArgmax(t: Table): Float64Array {
  const cols = t.cols as number;
  const out = new Float64Array(t.rows);
  for (let i = 0; i < t.rows; i++) {
    let best = 0;
    // First maximum wins, as torch.argmax and numpy.argmax do.
    for (let j = 1; j < cols; j++) if (t.data[i * cols + j] > t.data[i * cols + best]) best = j;
    out[i] = best;
  }
  return out;
}

/**
 * Reads class indices: non-negative integers of shape [N]. With `allowScores`, a 2-D input
 * [N, C] is taken as scores and reduced to its row-wise argmax.
 */
export function readLabels(op: string, name: string, x: Predictions, allowScores = false): Int32Array {
  const t = readTable(op, name, x);
  if (t.cols !== null && !allowScores)
    throw new MlpkitError(op, `${name}: expected a 1-D array of class indices, got shape [${t.rows}, ${t.cols}]`);
  // One score column has no argmax to take: a probability or a logit needs its own threshold.
  if (t.cols === 1)
    throw new MlpkitError(op, `${name}: expected class indices [N] or scores [N, C] with C ≥ 2, got shape [${t.rows}, 1]; threshold a single score into class indices first`);
  // A NaN row has no argmax (every comparison is false, so class 0 would win): refused, as the score metrics do.
  if (t.cols !== null) checkFinite(op, name, t);
  const values = t.cols === null ? t.data : rowArgmax(t);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff)
      throw new MlpkitError(op, `${name}: expected non-negative integer class indices, got ${v} at index ${i}`);
    out[i] = v;
  }
  return out;
}

/** Throws on the first NaN or infinity in a table, naming its flat index. */
function checkFinite(op: string, name: string, t: Table): void {
  const bad = t.data.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new MlpkitError(op, `${name}: expected finite values, got ${t.data[bad]} at index ${bad}`);
}

/** Reads scores, probabilities or regression values, refusing NaN and infinities. */
export function readFinite(op: string, name: string, x: Matrix): Table {
  const t = readTable(op, name, x);
  checkFinite(op, name, t);
  return t;
}

/** Throws unless `second` has as many samples as `first`. */
export function checkSameLength(op: string, firstName: string, first: number, secondName: string, second: number): void {
  if (first !== second)
    throw new MlpkitError(op, `${secondName}: expected ${first} samples to match ${firstName}, got ${second}`);
}

/** Throws on an empty dataset, where every metric is undefined. */
export function checkNonEmpty(op: string, name: string, n: number): void {
  if (n === 0) throw new MlpkitError(op, `${name}: expected at least one sample, got an empty array (0 samples)`);
}

/** Throws unless `labels` is a non-empty list of distinct non-negative integers. */
export function checkLabelList(op: string, labels: readonly number[]): void {
  if (!Array.isArray(labels) || labels.length === 0) throw new MlpkitError(op, `labels: expected at least one label, got ${JSON.stringify(labels)}`);
  const seen = new Set<number>();
  for (const l of labels) {
    if (!Number.isInteger(l) || l < 0) throw new MlpkitError(op, `labels: expected non-negative integer class indices, got ${l}`);
    if (seen.has(l)) throw new MlpkitError(op, `labels: expected distinct labels, got ${l} twice in [${labels.join(', ')}]`);
    seen.add(l);
  }
}

/** Throws when a class index is not below `numClasses`. */
export function checkBelow(op: string, name: string, labels: Int32Array, numClasses: number): void {
  const bad = labels.findIndex((v) => v >= numClasses);
  if (bad >= 0) throw new MlpkitError(op, `${name}: class index ${labels[bad]} at index ${bad} is out of range for numClasses ${numClasses}`);
}

/** `[0, 1, …, n - 1]`. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
