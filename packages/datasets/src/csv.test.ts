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

  it('reads bytes as UTF-8 and refuses what is neither text nor bytes', () => {
    expect(parseCsv(Buffer.from('a,y\n1,0\n')).x().tolist()).toEqual([[1]]);
    expect(parseCsv(new TextEncoder().encode('\uFEFFé,y\n2,1\n').buffer).featureNames).toEqual(['é']);
    expect(() => parseCsv(new Uint8Array([0x61, 0xff, 0x0a]))).toThrow('parseCsv: the CSV bytes are not valid UTF-8');
    expect(() => parseCsv(5 as never)).toThrow('parseCsv: expected CSV text as a string, a Uint8Array or an ArrayBuffer, got number 5');
  });

  it('reads numbers only as decimal literals, like any other text that is not a number', () => {
    expect(parseCsv('a,b,c,d,y\n+1.5,-.5,3.,1E3,0\n').x().tolist()).toEqual([[1.5, -0.5, 3, 1000]]);
    expect(() => parseCsv('a,y\n0x10,0\n')).toThrow('parseCsv: data row 1, column "a": expected a number, got "0x10"');
    expect(() => parseCsv('a,y\n1,0b11\n', { task: 'regression' })).toThrow('parseCsv: data row 1, target: expected a number, got "0b11"');
    expect(() => parseCsv('a,y\nInfinity,0\n')).toThrow('expected a number, got "Infinity"');
    // Literals float32 cannot hold would be stored as Infinity all the same.
    expect(() => parseCsv('a,y\n1e39,0\n')).toThrow('parseCsv: data row 1, column "a": expected a number within float32\'s range (±3.4e38), got "1e39"');
    expect(() => parseCsv('a,y\n-1e400,0\n')).toThrow('data row 1, column "a": expected a number within float32\'s range (±3.4e38), got "-1e400"');
    expect(() => parseCsv('a,y\n1,4e38\n', { task: 'regression' })).toThrow('parseCsv: data row 1, target: expected a number within float32\'s range (±3.4e38), got "4e38"');
    expect(parseCsv('a,y\n3.4e38,0\n').x().item()).toBeCloseTo(3.4e38, -32);
  });

  it('refuses options of the wrong type or value instead of ignoring or defaulting them', () => {
    const csv = 'a,y\n1,0\n';
    expect(() => parseCsv(csv, { task: 'regresion' as never })).toThrow(`parseCsv: expected task to be 'classification' or 'regression', got the string "regresion"`);
    expect(() => parseCsv(csv, { delimiter: 5 as never })).toThrow('parseCsv: expected delimiter to be a non-empty string without quotes or line breaks, got number 5');
    expect(() => parseCsv(csv, { delimiter: '\n' })).toThrow('expected delimiter to be a non-empty string');
    expect(() => parseCsv(csv, { classNames: 'abc' as never })).toThrow('parseCsv: expected classNames to be an array of distinct strings, got the string "abc"');
    expect(() => parseCsv(csv, { classNames: ['0', '0'] })).toThrow('expected classNames to be an array of distinct strings, got [0, 0]');
    expect(() => parseCsv(csv, { header: 'no' as never })).toThrow('parseCsv: expected header to be true or false, got the string "no"');
    expect(() => parseCsv(csv, { target: null as never })).toThrow('parseCsv: expected target to be a column name or index, got null');
    expect(() => parseCsv(csv, { features: 'a' as never })).toThrow('parseCsv: expected features to be an array of column names or indices, got the string "a"');
  });

  it('refuses an unknown option', () => {
    expect(() => parseCsv(IRIS_LIKE, { separator: ',' } as object)).toThrow("parseCsv: unknown option 'separator'");
  });
});
