// Scalar normal-distribution helpers for the truncated normal: JavaScript has no erf, and the
// sampler and its closed-form moments need the CDF accurate far into the tails.

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** erfc(x) for x ≥ 0 with near double-precision relative error, also deep in the tail. */
function erfcPositive(x: number): number {
  if (x < 2.5) {
    // Maclaurin series of erf; erfc(2.5) ≈ 4e-4, so 1 − erf keeps about 12 significant digits.
    const x2 = x * x;
    let term = x, sum = x;
    for (let n = 1; n < 100 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= -x2 / n;
      sum += term / (2 * n + 1);
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x > 27) return 0;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / laplaceFraction(x);
}

/**
 * x + (1/2)/(x + 1/(x + (3/2)/(x + …))), evaluated from the tail up: Laplace's continued
 * fraction, erfc(x) = e^{-x²}/√π / laplaceFraction(x), accurate for x ≥ 2.5.
 */
function laplaceFraction(x: number): number {
  let tail = 0;
  for (let n = 80; n >= 1; n--) tail = n / 2 / (x + tail);
  return x + tail;
}

/**
 * Mills' ratio (1 − Φ(z))/φ(z) for z ≥ 0. Far in the tail both factors underflow (Φ(−38) is
 * 0 in double precision) while their ratio, about 1/z, stays exact.
 */
export function millsRatio(z: number): number {
  const x = z / SQRT2;
  if (x < 2.5) return erfcPositive(x) / 2 / normalPdf(z);
  return 1 / (SQRT2 * laplaceFraction(x));
}

/** The standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / SQRT_2PI : 0;
}

/** The standard normal CDF Φ(z), with full relative precision for very negative z. */
export function normalCdf(z: number): number {
  if (z === -Infinity) return 0;
  if (z === Infinity) return 1;
  const e = erfcPositive(Math.abs(z) / SQRT2) / 2;
  return z < 0 ? e : 1 - e;
}

/**
 * The standard normal quantile Φ⁻¹(p) for 0 < p < 1: a rational first guess
 * (Abramowitz & Stegun 26.2.23) polished by Halley steps on the accurate CDF.
 */
export function normalPpf(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  if (p > 0.5) return -normalPpf(1 - p);
  const t = Math.sqrt(-2 * Math.log(p));
  let x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
  for (let i = 0; i < 4; i++) {
    const u = ((normalCdf(x) - p) * SQRT_2PI) * Math.exp(0.5 * x * x);
    const step = u / (1 + 0.5 * x * u);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.abs(x)) break;
  }
  return x;
}
