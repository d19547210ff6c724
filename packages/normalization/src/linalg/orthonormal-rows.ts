/**
 * Removes from `v` (length f) its components along the first `c` rows of `rows` (orthonormal,
 * row-major, f wide) and returns the norm left. Two passes, because one pass of Gram-Schmidt
 * leaves `v` measurably non-orthogonal when most of it cancels ("twice is enough").
 */
export function orthogonalize(v: Float64Array, rows: Float64Array, c: number): number {
  const f = v.length;
  for (let pass = 0; pass < 2; pass++)
    for (let r = 0; r < c; r++) {
      let dot = 0;
      for (let j = 0; j < f; j++) dot += rows[r * f + j] * v[j];
      for (let j = 0; j < f; j++) v[j] -= dot * rows[r * f + j];
    }
  let norm = 0;
  for (let j = 0; j < f; j++) norm += v[j] * v[j];
  return Math.sqrt(norm);
}

/**
 * A unit vector orthogonal to the first `c` rows of `rows` (c < f): the basis vector e_j they
 * cover least (the first on ties), orthogonalized. Its norm left is at least sqrt(1 - c/f),
 * since the c unit rows cover c of the f basis vectors' unit lengths between them.
 */
export function complementRow(rows: Float64Array, c: number, f: number): Float64Array {
  let best = 0, bestCover = Infinity;
  for (let j = 0; j < f; j++) {
    let cover = 0;
    for (let r = 0; r < c; r++) cover += rows[r * f + j] ** 2;
    if (cover < bestCover) [best, bestCover] = [j, cover];
  }
  const v = new Float64Array(f);
  v[best] = 1;
  const norm = orthogonalize(v, rows, c);
  return v.map((x) => x / norm);
}
