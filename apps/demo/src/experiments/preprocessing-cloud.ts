import { PCA, StandardScaler, ZCAWhitening, ZeroCenterer, covariance } from '@mlpkit/normalization';
import { OKABE_ITO, type PlotSpec, topLevel } from '@mlpkit/plot';
import { Generator, Tensor } from '@mlpkit/tensor';
import { asPrinted } from './slide-number.js';

/** One picture of the slide: the cloud after a step, and what the slide says its covariance is. */
export interface CloudStage {
  name: string;
  slide: string;
  points: Tensor;
  /** numpy.cov's covariance (N − 1), [2, 2] as rows. */
  covariance: number[][];
}

// The slide draws an elongated cloud, off the origin, along a diagonal: mean (4, 2), covariance
// [[4, 2.4], [2.4, 2]] (correlation 0.85), drawn as mean + L·z with L its Cholesky factor.
const MEAN = [4, 2];
const CHOLESKY = [[2, 0], [1.2, Math.sqrt(2 - 1.2 ** 2)]];

/** `n` points of the slide's correlated 2-D cloud, float64, from a generator seeded with `seed`. */
export function correlatedCloud(n: number, seed: number): Tensor {
  const g = new Generator(seed);
  const out = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const z = [g.normal(), g.normal()];
    for (let d = 0; d < 2; d++) out[i * 2 + d] = MEAN[d] + CHOLESKY[d][0] * z[0] + CHOLESKY[d][1] * z[1];
  }
  return new Tensor(out, [n, 2]);
}

/**
 * The slide's pictures in order: original, zero-centered, normalized, decorrelated (PCA) and
 * whitened, both as PCA whitening and as the slide's formula E·D^(−1/2)·Eᵀ (ZCA, with eps 0 and
 * N − 1 so its covariance is the same numpy.cov identity as PCA's).
 */
export function cloudStages(x: Tensor): CloudStage[] {
  const stages: [string, string, Tensor][] = [
    ['original', 'correlated, off the origin', x],
    ['zero-centered', 'mean 0, covariance unchanged', new ZeroCenterer().fitTransform(x)],
    ['normalized', 'unit variance per feature', new StandardScaler().fitTransform(x)],
    ['decorrelated (PCA)', 'diagonal covariance matrix', new PCA().fitTransform(x)],
    ['whitened (PCA, whiten)', 'identity covariance matrix', new PCA({ whiten: true }).fitTransform(x)],
    ['whitened (E·D^(−1/2)·Eᵀ)', 'identity covariance matrix', new ZCAWhitening({ eps: 0, ddof: 1 }).fitTransform(x)],
  ];
  return stages.map(([name, slide, points]) => ({ name, slide, points, covariance: covariance(points).tolist() as number[][] }));
}

/** A matrix as `[[a, b], [c, d]]` at `decimals` (a tiny negative as 0.00, not −0.00). */
export function formatMatrix(m: readonly (readonly number[])[], decimals = 2): string {
  return `[${m.map((row) => `[${row.map((v) => asPrinted(v, decimals)).join(', ')}]`).join(', ')}]`;
}

/** One scatter per stage on shared, square axes through the origin, so each step's shift, scale and turn show. */
export function cloudSpec(stages: readonly CloudStage[]): PlotSpec {
  const values = stages.flatMap((s) => {
    const p = s.points.tolist() as number[][];
    return p.map(([x, y]) => ({ stage: s.name, x, y }));
  });
  const reach = Math.ceil(Math.max(...values.map((v) => Math.max(Math.abs(v.x), Math.abs(v.y)))));
  const axis = (field: string) => ({ field, type: 'quantitative', title: null, scale: { domain: [-reach, reach] } });
  return topLevel('The point cloud at each preprocessing step (covariances in the printed table)', {
    data: { values },
    facet: { field: 'stage', type: 'nominal', sort: stages.map((s) => s.name), title: null, header: { labelFontSize: 13 } },
    columns: 3,
    spec: {
      width: 220, height: 220,
      layer: [
        { mark: { type: 'rule', color: '#bbbbbb' }, encoding: { x: { datum: 0 } } },
        { mark: { type: 'rule', color: '#bbbbbb' }, encoding: { y: { datum: 0 } } },
        { mark: { type: 'circle', size: 12, opacity: 0.6, color: OKABE_ITO[0] }, encoding: { x: axis('x'), y: axis('y') } },
      ],
    },
  });
}
