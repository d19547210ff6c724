import { describe, expect, it } from 'vitest';
import { irisPetalExamples, loadIris } from './iris.js';

describe('loadIris', () => {
  it('has 150 rows, 4 features and 50 flowers of each species', () => {
    const iris = loadIris();
    expect(iris.length).toBe(150);
    expect(iris.x().shape).toEqual([150, 4]);
    expect([...iris.classCounts()]).toEqual([50, 50, 50]);
    expect(iris.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  });

  it('matches the published summary statistics (means 5.843, 3.057, 3.758, 1.199 cm)', () => {
    const iris = loadIris();
    const mean = iris.x().mean(0).tolist() as number[];
    [5.8433, 3.0573, 3.758, 1.1993].forEach((m, j) => expect(mean[j]).toBeCloseTo(m, 3));
    // Fisher's values for rows 35 and 38, which the UCI file had wrong.
    expect(Array.from(iris.features.subarray(34 * 4, 35 * 4))).toEqual(Array.from(Float32Array.from([4.9, 3.1, 1.5, 0.2])));
    expect(Array.from(iris.features.subarray(37 * 4, 38 * 4))).toEqual(Array.from(Float32Array.from([4.9, 3.6, 1.4, 0.1])));
  });
});

describe('irisPetalExamples', () => {
  it('is the slides\' nine-row table, and picks the three-sample batch', () => {
    expect(irisPetalExamples().length).toBe(9);
    const three = irisPetalExamples([0, 3, 6]);
    expect(three.x().tolist()).toEqual([[1.5, 0.2], [4.7, 1.6], [5.6, 2.2]].map((r) => r.map((v) => Math.fround(v))));
    expect(three.y().tolist()).toEqual([0, 1, 2]);
  });
});
