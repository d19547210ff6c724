/** Population mean, std, min and max of a sample, for the statistical tests. */
export function moments(data: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) { sum += data[i]; min = Math.min(min, data[i]); max = Math.max(max, data[i]); }
  const mean = sum / data.length;
  let sq = 0;
  for (let i = 0; i < data.length; i++) sq += (data[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / data.length), min, max };
}
