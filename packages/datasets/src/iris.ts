import { IRIS_FEATURES, IRIS_LABELS } from './data/iris.js';
import { TensorDataset } from './tensor-dataset.js';

/** The three Iris species, by label. */
export const IRIS_CLASS_NAMES: readonly string[] = Object.freeze(['setosa', 'versicolor', 'virginica']);

/** The four Iris measurements, by column. */
export const IRIS_FEATURE_NAMES: readonly string[] = Object.freeze(['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)']);

/**
 * Fisher's Iris data (1936; via the UCI Machine Learning Repository): 150 rows of four
 * float32 measurements in cm and an int32 species label, 50 per class, shipped in the package.
 */
export function loadIris(): TensorDataset {
  return new TensorDataset(Float32Array.from(IRIS_FEATURES), Int32Array.from(IRIS_LABELS), {
    featureShape: [4],
    classNames: IRIS_CLASS_NAMES,
    featureNames: IRIS_FEATURE_NAMES,
  });
}

// The course slides' "MLP Example 1" table: three flowers of each species, petals only.
const PETALS = [
  [1.5, 0.2, 0], [1.4, 0.2, 0], [1.6, 0.2, 0],
  [4.7, 1.6, 1], [3.3, 1.1, 1], [4.6, 1.3, 1],
  [5.6, 2.2, 2], [5.1, 1.5, 2], [5.6, 1.4, 2],
];

/**
 * The slides' nine-row example (petal length and width in cm, species label 0..2), the data
 * the course's worked forward and backward passes use. `rows` picks rows by index, e.g.
 * `[0, 3, 6]` for the three-sample batch `x = [[1.5, 0.2], [4.7, 1.6], [5.6, 2.2]]`, `y = [0, 1, 2]`.
 */
export function irisPetalExamples(rows?: readonly number[]): TensorDataset {
  const all = new TensorDataset(Float32Array.from(PETALS.flatMap((r) => [r[0], r[1]])), Int32Array.from(PETALS, (r) => r[2]), {
    featureShape: [2],
    classNames: IRIS_CLASS_NAMES,
    featureNames: ['petal length (cm)', 'petal width (cm)'],
  });
  return rows ? all.subset(rows) : all;
}
