// A trial module whose environment is not ready: importing it throws (its data file is missing),
// or, with MLPKIT_SEARCH_BROKEN=setup, its setup() does (a backend this machine lacks).
export const trial = (): number => 1;

export function setup(): void {
  throw new Error('no such backend on this machine');
}

if (process.env.MLPKIT_SEARCH_BROKEN !== 'setup') throw new Error('ENOENT: data/train.csv is missing');
