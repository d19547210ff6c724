import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';

const IRIS_LIKE = `sepal,petal,species
5.1,1.4,setosa
7.0,4.7,versicolor
6.3,6.0,virginica
4.9,1.4,setosa
`;

describe('parseCsv', () => {
  it('reads features and string classes, classes sorted into labels', () => {
    const ds = parseCsv(IRIS_LIKE);
    expect(ds.x().tolist()).toEqual([[5.1, 1.4], [7.0, 4.7], [6.3, 6.0], [4.9, 1.4]].map((r) => r.map(Math.fround)));
    expect([...ds.targets]).toEqual([0, 1, 2, 0]);
    expect(ds.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(ds.featureNames).toEqual(['sepal', 'petal']);
  });

  it('uses given class names, columns by name, quoting and other delimiters', () => {
    const ds = parseCsv('"name, quoted";a;b;label\n"x; y";1;2;yes\nz;3;4;no\n', {
      target: 'label', features: ['b', 'a'], classNames: ['no', 'yes'],
    });
    expect(ds.x().tolist()).toEqual([[2, 1], [4, 3]]);
    expect([...ds.targets]).toEqual([1, 0]);
  });

  it('keeps integer labels as they are and reads regression targets', () => {
    expect([...parseCsv('1,2,0\n3,4,2\n', { header: false }).targets]).toEqual([0, 2]);
    expect(parseCsv('\uFEFFa,b\n1,0\n').featureNames).toEqual(['a']);
    const reg = parseCsv('x,y\n1,2.5\n2,4.5\n', { task: 'regression' });
    expect(reg.y().tolist()).toEqual([[2.5], [4.5]]);
  });

  it('refuses bad cells and shapes, naming the row and column', () => {
    expect(() => parseCsv('a,b,c\n1,2,0\n3,oops,1\n')).toThrow('parseCsv: data row 2, column "b": expected a number, got "oops"');
    expect(() => parseCsv('a,b,c\n1,,0\n')).toThrow('data row 1, column "b": expected a number, got ""');
    expect(() => parseCsv('a,b,c\n1,2\n')).toThrow('data row 1 has 2 fields, expected 3');
    expect(() => parseCsv('a,b,c\n')).toThrow('parseCsv: the CSV has no data rows (only a header)');
    expect(() => parseCsv('a,b\n1,2\n', { target: 'c' })).toThrow('target column "c" is not in the header [a, b]');
    expect(() => parseCsv('a,b\n1,x\n', { classNames: ['y'] })).toThrow('target "x" in data row 1 is not one of classNames [y]');
  });

  it('refuses integer labels too large for a class, instead of wrapping or allocating them', () => {
    expect(() => parseCsv('a,y\n1,4294967297\n2,0\n')).toThrow("parseCsv: target 4294967297 in data row 1 is too large for a class label: labels must lie in [0, 16777216) (numeric targets need task: 'regression')");
    expect(() => parseCsv('a,y\n1,0\n2,2000000000\n')).toThrow('target 2000000000 in data row 2 is too large');
    expect(parseCsv('a,y\n1,16777215\n').numClasses).toBe(16777216);
  });

  it('refuses an unknown option', () => {
    expect(() => parseCsv(IRIS_LIKE, { separator: ',' } as object)).toThrow("parseCsv: unknown option 'separator'");
  });
});
