import { isArray } from './check.js';
import { MlpkitError, Tensor, checkOptions, describe } from '@mlpkit/tensor';
import { type PlotSpec, topLevel } from './spec.js';

/**
 * A confusion matrix as a heatmap: rows are the true classes, columns the predicted ones, counts
 * written in the cells, a colour legend for the counts, and zero cells left white so that the
 * few confusions stand out.
 *
 * @example
 * confusionMatrixSpec([[50, 2], [0, 48]], ['cat', 'dog'], { title: 'Test confusion matrix' });
 */
export function confusionMatrixSpec(matrix: readonly (readonly number[])[], classNames: readonly string[], options: { title?: string; size?: number } = {}): PlotSpec {
  const op = 'confusionMatrixSpec';
  checkOptions(op, options, ['title', 'size']);
  // metrics' confusionMatrix returns a Tensor: say how to pass it rather than refuse it blankly.
  if (!isArray(matrix))
    throw new MlpkitError(op, `matrix: expected rows of counts (an array of arrays), got ${describe(matrix)}${matrix instanceof Tensor ? ' (pass matrix.tolist())' : ''}`);
  if (!isArray(classNames) || classNames.some((name) => typeof name !== 'string'))
    throw new MlpkitError(op, `classNames: expected an array of strings, got ${describe(classNames)}`);
  const n = classNames.length;
  if (matrix.length !== n || matrix.some((row) => !isArray(row) || row.length !== n))
    throw new MlpkitError(op, `expected a ${n}×${n} matrix (one row and column per class name), got ${matrix.length} rows`);
  const values = matrix.flatMap((row, i) => row.map((count, j) => {
    if (!(Number.isFinite(count) && count >= 0)) throw new MlpkitError(op, `matrix[${i}][${j}]: expected a count >= 0, got ${count}`);
    return { actual: classNames[i], predicted: classNames[j], count };
  }));
  const max = Math.max(1, ...values.map((v) => v.count));
  const order = [...classNames];
  return topLevel(options.title, {
    width: options.size ?? 420, height: options.size ?? 420,
    data: { values },
    encoding: {
      x: { field: 'predicted', type: 'nominal', sort: order, title: 'predicted class', axis: { labelAngle: -45 } },
      y: { field: 'actual', type: 'nominal', sort: order, title: 'true class' },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#dddddd', strokeWidth: 0.5 },
        encoding: {
          color: {
            condition: { test: 'datum.count === 0', value: 'white' },
            field: 'count', type: 'quantitative', title: 'count',
            scale: { scheme: 'blues', domain: [0, max] },
            legend: { gradientLength: 300 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: `datum.count > ${max / 2}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  });
}
