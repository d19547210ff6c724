import { curvesSpec } from '@mlpkit/plot';
import type { Comparison, Experiment } from './experiment.js';
import { type CloudStage, cloudSpec, cloudStages, correlatedCloud, formatMatrix } from './preprocessing-cloud.js';
import { type CovarianceSummary, fashionPixels, whitenImages } from './preprocessing-images.js';
import { asPrinted } from './slide-number.js';

const POINTS = 500;
const IMAGES = 2_000;
const QUICK_IMAGES = 500;
/** PCA whitening keeps the components holding this share of the variance: the rest have (almost) none to scale to 1. */
const VARIANCE_KEPT = 0.99;
/** ZCAWhitening's default: added to each eigenvalue before 1/√λ. */
const EPS = 1e-5;
/** How far from the identity a whitened covariance may be before the run counts as failed (float64 round-off is ~1e-13). */
const TOLERANCE = 1e-9;

const short = (v: number) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(1) : v.toFixed(3));
const summary = (s: CovarianceSummary) => `max |off-diagonal| ${short(s.maxOffDiagonal)}, diagonal ${short(s.diagonal[0])} to ${short(s.diagonal[1])}`;
const mean = (s: CloudStage) => {
  const p = s.points.tolist() as number[][];
  return [0, 1].map((d) => p.reduce((a, r) => a + r[d], 0) / p.length);
};
/** The largest |C − I| entry of a 2×2 covariance. */
const fromIdentity = (c: number[][]) => Math.max(...c.flatMap((row, i) => row.map((v, j) => Math.abs(v - (i === j ? 1 : 0)))));

const experiment: Experiment = {
  title: 'zero-centering, normalization, PCA (diagonal covariance) and whitening (identity covariance) (slides 3, "Data Preprocessing")',
  flags: ['seed', 'limit'],
  settings: (quick) => `a 2-D cloud of ${POINTS} points from N((4, 2), [[4, 2.4], [2.4, 2]]); the first `
    + `${quick ? QUICK_IMAGES : '2 000'} Fashion-MNIST training images (784 pixels) in [0, 1] (--limit N for N); `
    + `PCA whitening keeps the components with ${VARIANCE_KEPT * 100} % of the variance, ZCA eps ${EPS.toExponential(0)}; covariances divide by N − 1 (numpy.cov; the slide's Xᵀ·X / N is (N − 1)/N of that)`,
  async run(ctx) {
    const stages = cloudStages(correlatedCloud(POINTS, ctx.seed));
    const images = ctx.options.given.has('limit') ? ctx.options.limit as number : ctx.quick ? QUICK_IMAGES : IMAGES;
    const x = await fashionPixels(images);
    const w = whitenImages(x, VARIANCE_KEPT, EPS);
    const comparison: Comparison[] = stages.map((s) => ({
      what: `2-D cloud, ${s.name}: covariance`, slides: s.slide,
      ours: `mean (${mean(s).map((v) => asPrinted(v, 2)).join(', ')}), covariance ${formatMatrix(s.covariance)}`,
    }));
    const f = w.before.features;
    comparison.push(
      { what: `${x.shape[0]} images × ${f} pixels: covariance`, slides: '(no numbers)', ours: `${summary(w.before)}; ${w.before.quiet} pixels vary less than eps` },
      { what: `after PCA whitening (${w.pca.features} of ${f} components)`, slides: 'identity covariance matrix', ours: summary(w.pca) },
      { what: `after ZCA, E·(D + eps)^(−1/2)·Eᵀ`, slides: 'identity covariance matrix', ours: summary(w.zca) },
    );
    const written = await ctx.plot(cloudSpec(stages), 'experiment-preprocessing');
    written.push(...await ctx.plot(curvesSpec([{ name: `the ${w.pca.features} components PCA whitening keeps`, y: w.variance }], {
      title: `Variance along each principal component of ${x.shape[0]} Fashion-MNIST images`, xTitle: 'principal component', yTitle: 'variance (log scale)', logY: true,
    }), 'experiment-preprocessing-spectrum'));
    const [, , , decorrelated, pcaWhite, zcaWhite] = stages.map((s) => s.covariance);
    const errors = [
      Math.abs(decorrelated[0][1]), fromIdentity(pcaWhite), fromIdentity(zcaWhite),
      w.pca.maxOffDiagonal, Math.abs(w.pca.diagonal[0] - 1), Math.abs(w.pca.diagonal[1] - 1),
    ];
    const bad = errors.some((e) => !(e < TOLERANCE));
    return {
      comparison,
      explanation: 'Zero-centering moves the cloud onto the origin and leaves its covariance as it was; normalizing gives each feature unit variance but keeps the correlation off the diagonal. '
        + `PCA turns the cloud onto its principal axes, so its covariance is diagonal (the eigenvalues ${decorrelated[0][0].toFixed(2)} and ${decorrelated[1][1].toFixed(2)}), and whitening divides each axis by the square root of its eigenvalue, so the covariance is the identity; the slide's E·D^(−1/2)·Eᵀ (ZCA) gives the same identity, turned back to the original axes. `
        + `On the images, PCA whitening of the ${w.pca.features} components with ${VARIANCE_KEPT * 100} % of the variance gives the identity too, but ZCA of all ${f} pixels does not: `
        + `${w.before.quiet} pixels vary less than eps${w.before.diagonal[0] === 0 ? ' (some are 0 in every image, and no linear map gives a constant pixel unit variance)' : ''}, and with eps the covariance is E·diag(λ/(λ + eps))·Eᵀ, 1 only along directions with λ ≫ eps. `
        + 'That is the slide\'s cost of whitening: unit variance everywhere would blow up directions that hold (almost) no variance, so whitening drops them or damps them with eps, and images are in practice only centered.',
      written,
      failed: bad ? `a decorrelated or whitened covariance is off the diagonal or the identity by more than ${TOLERANCE}` : undefined,
    };
  },
};
export default experiment;
