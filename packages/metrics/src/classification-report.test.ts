import { MlpkitError, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { classificationReport } from './classification-report.js';

// The two examples of scikit-learn's classification_report documentation, character for character.
describe('classificationReport', () => {
  it('prints per-class rows, accuracy and the macro and weighted averages', () => {
    const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], { targetNames: ['class 0', 'class 1', 'class 2'] });
    expect(report).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '     class 0       0.50      1.00      0.67         1',
        '     class 1       0.00      0.00      0.00         1',
        '     class 2       1.00      0.67      0.80         3',
        '',
        '    accuracy                           0.60         5',
        '   macro avg       0.50      0.56      0.49         5',
        'weighted avg       0.70      0.60      0.61         5',
        '',
      ].join('\n'),
    );
  });

  it('prints a micro average instead of accuracy when labels leave classes out', () => {
    const report = classificationReport(tensor([1, 1, 1], { dtype: 'int32' }), [1, 1, 0], { labels: [1, 2, 3] });
    expect(report).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '           1       1.00      0.67      0.80         3',
        '           2       0.00      0.00      0.00         0',
        '           3       0.00      0.00      0.00         0',
        '',
        '   micro avg       1.00      0.67      0.80         3',
        '   macro avg       0.33      0.22      0.27         3',
        'weighted avg       1.00      0.67      0.80         3',
        '',
      ].join('\n'),
    );
  });

  it('widens the name column for long names and honours digits', () => {
    const report = classificationReport([0, 1], [0, 1], { targetNames: ['a rather long class name', 'b'], digits: 4 });
    const lines = report.split('\n');
    expect(lines[2]).toBe('a rather long class name     1.0000    1.0000    1.0000         1');
    expect(lines[0].indexOf('precision')).toBe('a rather long class name'.length + 2);
  });

  it('refuses unknown options', () => {
    expect(() => classificationReport([0, 1], [0, 1], { names: ['a', 'b'] } as object)).toThrow("classificationReport: unknown option 'names'");
  });

  it('refuses target names that do not match the classes', () => {
    expect(() => classificationReport([0, 1, 2], [0, 1, 1], { targetNames: ['a', 'b'] })).toThrow(/targetNames: expected 3 names/);
    expect(() => classificationReport([0, 1, 2], [0, 1, 1], { digits: -1 })).toThrow(MlpkitError);
  });
});
