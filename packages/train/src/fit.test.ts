import { crossEntropy } from '@mlpkit/losses';
import { Linear } from '@mlpkit/nn';
import { ReduceLROnPlateau, SGD } from '@mlpkit/optimizers';
import { MlpkitError, Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import type { Callback } from './callback.js';
import { TrainingDivergedError } from './divergence.js';
import { evaluate } from './evaluate.js';
import { fit } from './fit.js';
import { loaders, mlp } from './toy.test-helper.js';

describe('fit', () => {
  it('lowers the loss on separable blobs and logs train and val metrics per epoch', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const history = await fit(model, {
      train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 5, metrics: ['accuracy'],
    });
    expect(history.length).toBe(5);
    expect(history.keys()).toEqual(expect.arrayContaining(['epoch', 'loss', 'lr', 'accuracy', 'valLoss', 'valAccuracy']));
    const losses = history.get('loss');
    expect(losses[4]).toBeLessThan(losses[0]);
    expect(history.last?.valAccuracy).toBeGreaterThan(0.9);
    // First batch of 3 balanced-ish classes from a small init: close to ln 3.
    expect(history.initialLoss).toBeGreaterThan(0.5);
    expect(history.stopped).toBeNull();
  });

  it('clears gradients to null by default and in place with setToNone: false, with the same losses', async () => {
    const run = async (setToNone?: boolean) => {
      const model = mlp(3);
      const { train } = loaders(3);
      const sgd = new SGD(model.parameters(), { lr: 0.05 });
      const calls: (boolean | undefined)[] = [];
      const optimizer = { step: () => sgd.step(), zeroGrad: (s?: boolean) => { calls.push(s); sgd.zeroGrad(s); }, paramGroups: sgd.paramGroups };
      const losses = (await fit(model, { train, loss: crossEntropy, optimizer, epochs: 2, setToNone })).get('loss');
      return { losses, calls: [...new Set(calls)] };
    };
    const byDefault = await run(), inPlace = await run(false);
    expect(byDefault.calls).toEqual([true]);
    expect(inPlace.calls).toEqual([false]);
    expect(inPlace.losses).toEqual(byDefault.losses);
    const model = mlp();
    await expect(fit(model, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, setToNone: 'no' as unknown as boolean }))
      .rejects.toThrow(/expected setToNone to be true or false/);
    await expect(fit(model, { train: loaders().train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, reuseMemory: 1 as unknown as boolean }))
      .rejects.toThrow(/expected reuseMemory to be true or false, got number 1/);
  });

  it('closes a loader it leaves early, and reports a callback\'s error over one from closing the loader', async () => {
    const model = mlp();
    let closed = 0;
    const loader = (throwOnClose: boolean) => ({
      [Symbol.iterator]() {
        const inner = loaders().train[Symbol.iterator]();
        return {
          next: () => inner.next(),
          return: () => {
            closed++;
            if (throwOnClose) throw new Error('closing failed');
            return { done: true as const, value: undefined };
          },
        };
      },
    });
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const stopAfterOne: Callback = { onBatchEnd: (_b, _l, ctx) => ctx.stop('early-stopping', 'enough') };
    await fit(model, { train: loader(false), loss: crossEntropy, optimizer, epochs: 1, callbacks: [stopAfterOne] });
    expect(closed).toBe(1);
    const failing: Callback = { onBatchEnd: () => { throw new Error('callback failed'); } };
    await expect(fit(model, { train: loader(true), loss: crossEntropy, optimizer, epochs: 1, callbacks: [failing] })).rejects.toThrow('callback failed');
    expect(closed).toBe(2);
  });

  it('is reproducible with the same seeds', async () => {
    const run = async () => {
      const model = mlp(3);
      const { train } = loaders(3);
      return (await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.05 }), epochs: 2 })).get('loss');
    };
    expect(await run()).toEqual(await run());
  });

  it('calls the callbacks in order, model in train mode during batches and eval mode after validation', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const events: string[] = [];
    const cb: Callback = {
      onTrainBegin: () => { events.push('trainBegin'); },
      onEpochBegin: (e) => { events.push(`epochBegin${e}`); },
      onBatchEnd: (b) => { if (b === 0) events.push(`batch0:${model.training}`); },
      onEpochEnd: (e) => { events.push(`epochEnd${e}:${model.training}`); },
      onTrainEnd: () => { events.push('trainEnd'); },
    };
    await fit(model, { train, val, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 2, callbacks: [cb] });
    expect(events).toEqual(['trainBegin', 'epochBegin0', 'batch0:true', 'epochEnd0:false', 'epochBegin1', 'batch0:true', 'epochEnd1:false', 'trainEnd']);
  });

  it('stops when a callback asks, recording why', async () => {
    const model = mlp();
    const { train } = loaders();
    const history = await fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 10,
      callbacks: [{ onEpochEnd: (e, _l, ctx) => { if (e === 1) ctx.stop('custom', 'enough'); } }],
    });
    expect(history.length).toBe(2);
    expect(history.stopped).toMatchObject({ reason: 'custom', epoch: 1 });
  });

  it('steps the scheduler once per epoch', async () => {
    const model = mlp();
    const { train } = loaders();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const scheduler = { step: () => { optimizer.paramGroups[0].lr /= 2; } };
    const history = await fit(model, { train, loss: crossEntropy, optimizer, epochs: 3, scheduler });
    expect(history.get('lr')).toEqual([0.1, 0.05, 0.025]);
  });

  it('passes the monitored value to a metric-watching scheduler (ReduceLROnPlateau)', async () => {
    const model = mlp();
    const { train, val } = loaders();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const seen: number[] = [];
    const history = await fit(model, { train, val, loss: crossEntropy, optimizer, epochs: 2, scheduler: new ReduceLROnPlateau(optimizer), schedulerMonitor: 'valLoss',
      callbacks: [{ onEpochEnd: (_e, logs) => { seen.push(logs.valLoss as number); } }] });
    expect(history.length).toBe(2);
    await expect(fit(model, { train, loss: crossEntropy, optimizer, epochs: 1, scheduler: { step: () => {} }, schedulerMonitor: 'valLoss' }))
      .rejects.toThrow(/^fit: schedulerMonitor "valLoss" is not in the epoch logs/);
    const calls: unknown[] = [];
    await fit(model, { train, val, loss: crossEntropy, optimizer, epochs: 1, scheduler: { step: (v?: number) => { calls.push(v); } }, schedulerMonitor: 'valLoss' });
    expect(calls).toHaveLength(1);
    expect(typeof calls[0]).toBe('number');
    expect(seen).toHaveLength(2);
  });

  it('stops on an exploding loss with a clear message, after onTrainEnd ran', async () => {
    const model = mlp();
    const { train } = loaders();
    let ended = false;
    const run = fit(model, {
      train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 50 }), epochs: 20,
      callbacks: [{ onTrainEnd: () => { ended = true; } }],
    });
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toMatch(/^fit: loss .* (is more than 3× the initial loss|became (NaN|Infinity))/);
    expect((error as TrainingDivergedError).history.stopped?.reason).toBe('diverged');
    expect(ended).toBe(true);
  });

  it('stops on a NaN loss even with the ratio rule off', async () => {
    // A single Linear layer: NaN inputs reach the loss (no activation in between).
    const model = new Linear(2, 3);
    const nanBatch = { x: new Tensor(new Float32Array([Number.NaN, 0]), [1, 2]), y: new Tensor(new Int32Array([0]), [1]) };
    const error = await fit(model, {
      train: [nanBatch], loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1, divergenceFactor: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingDivergedError);
    expect((error as Error).message).toContain('loss became NaN at epoch 1, batch 1');
  });

  it('refuses bad options with MlpkitError naming the argument', async () => {
    const model = mlp();
    const { train } = loaders();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    await expect(fit(model, { train, loss: crossEntropy, optimizer, epochs: 0 })).rejects.toThrow(/^fit: epochs must be an integer >= 1, got 0/);
    await expect(fit(model, { train, loss: 3 as never, optimizer, epochs: 1 })).rejects.toThrow(/^fit: loss: expected a function/);
    await expect(fit(model, { train, loss: crossEntropy, optimizer: {} as never, epochs: 1 })).rejects.toThrow(/^fit: optimizer: expected/);
    await expect(fit({} as never, { train, loss: crossEntropy, optimizer, epochs: 1 })).rejects.toThrow(MlpkitError);
    await expect(fit(model, { train, loss: crossEntropy, optimizer, epochs: 1, metrics: ['nope' as never] })).rejects.toThrow(/^fit: metrics: unknown metric "nope"; known: accuracy/);
  });

  it('refuses scheduler options that would leave the rate unscheduled without a word', async () => {
    const model = mlp();
    const { train } = loaders();
    const optimizer = new SGD(model.parameters(), { lr: 0.1 });
    const base = { train, loss: crossEntropy, optimizer, epochs: 1 };
    // 'epochs' is neither 'epoch' nor 'batch': the scheduler was never stepped.
    const calls: unknown[] = [];
    const scheduler = { step: (v?: number) => { calls.push(v); } };
    await expect(fit(model, { ...base, scheduler, schedulerStep: 'epochs' as never })).rejects.toThrow(`fit: expected schedulerStep to be 'epoch' or 'batch', got the string "epochs"`);
    await expect(fit(model, { ...base, schedulerStep: 'batch' })).rejects.toThrow('fit: schedulerStep is given but there is no scheduler to step');
    await expect(fit(model, { ...base, schedulerMonitor: 'valLoss' })).rejects.toThrow('fit: schedulerMonitor is given but there is no scheduler to step');
    await expect(fit(model, { ...base, scheduler: 5 as never })).rejects.toThrow('fit: scheduler: expected an object with step()');
    await expect(fit(model, { ...base, divergenceFactor: '3' as never })).rejects.toThrow('fit: divergenceFactor: expected a number > 1 or false, got the string "3"');
    expect(calls).toEqual([]);
    await fit(model, { ...base, scheduler, schedulerStep: 'epoch' });
    expect(calls).toEqual([undefined]);
  });

  it('refuses callbacks that are not objects of hooks, and a plain object with a misspelt hook', async () => {
    const model = mlp();
    const { train } = loaders();
    const base = { train, loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1 };
    await expect(fit(model, { ...base, callbacks: {} as never })).rejects.toThrow('fit: callbacks: expected an array of callback objects, got an object (Object)');
    await expect(fit(model, { ...base, callbacks: [null as never] })).rejects.toThrow('fit: callbacks[0]: expected a callback object with hooks such as onEpochEnd, got null');
    await expect(fit(model, { ...base, callbacks: [{ onEpochEnd: 5 as never }] })).rejects.toThrow('fit: callbacks[0].onEpochEnd: expected a function, got number 5');
    await expect(fit(model, { ...base, callbacks: [{ onEpochEnded: () => {} } as never] })).rejects.toThrow(/^fit: callbacks\[0\]: unknown hook 'onEpochEnded' \(expected onTrainBegin, /);
    class Custom { onEpochEnded(): void {} onOther = undefined; }
    await expect(fit(model, { ...base, callbacks: [new Custom() as never] })).resolves.toBeDefined();
  });

  it('refuses a batch that is not {x, y} and a loss that is not a Tensor, naming them', async () => {
    const model = mlp();
    const { train } = loaders();
    const base = { loss: crossEntropy, optimizer: new SGD(model.parameters(), { lr: 0.1 }), epochs: 1 };
    await expect(fit(model, { ...base, train: [null] as never })).rejects.toThrow('fit: batch 0: expected an object {x, y} such as a DataLoader yields, got null');
    await expect(fit(model, { ...base, train, loss: () => 1 as never })).rejects.toThrow('fit: loss: expected the loss function to return a Tensor, got number 1');
    await expect(fit(model, { ...base, train, loss: () => ({ item: () => 1 }) as never })).rejects.toThrow('fit: expected the loss to be a Tensor, got an object (Object)');
  });

  it('evaluate refuses a loader that is not iterable, a null batch and a loss that is no Tensor', () => {
    const model = mlp();
    expect(() => evaluate(model, null as never)).toThrow('evaluate: loader: expected an iterable of {x, y} batches such as a DataLoader, got null');
    expect(() => evaluate(model, loaders().val, { onProgress: 5 as never })).toThrow('evaluate: onProgress: expected a function, got number 5');
    expect(() => evaluate(model, [undefined] as never, { metrics: ['accuracy'] })).toThrow('evaluate: batch 0: expected an object {x, y} such as a DataLoader yields, got undefined');
    expect(() => evaluate(model, loaders().val, { loss: () => NaN as never })).toThrow('evaluate: loss: expected the loss function to return a Tensor, got number NaN');
  });

  it('evaluate refuses to run with neither a loss nor metrics (it returned a NaN loss)', () => {
    const model = mlp();
    const neither = "evaluate: expected a loss or metrics to compute (e.g. { loss: crossEntropy } or { metrics: ['accuracy'] }), got neither";
    expect(() => evaluate(model, loaders().val)).toThrow(neither);
    expect(() => evaluate(model, loaders().val, { metrics: [] })).toThrow(neither);
    expect(evaluate(model, loaders().val, { loss: crossEntropy }).loss).toBeGreaterThan(0);
    expect(evaluate(model, loaders().val, { metrics: ['accuracy'] }).metrics.accuracy).toBeGreaterThanOrEqual(0);
  });

  it('refuses an optimizer that holds none of the model\'s parameters, and trains a partly frozen model', async () => {
    const model = mlp();
    const other = mlp();
    const { train } = loaders();
    await expect(fit(model, { train, loss: crossEntropy, optimizer: new SGD(other.parameters(), { lr: 0.1 }), epochs: 1 }))
      .rejects.toThrow("fit: optimizer: expected it to hold some of the model's 4 parameters, got an optimizer holding 4 other ones");
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
    // Only the last layer trains: the first one is frozen and stays as it was.
    const [w0, , w1] = model.parameters();
    const frozen = w0.tolist(), before = w1.tolist();
    await fit(model, { train, loss: crossEntropy, optimizer: new SGD(model.parameters().slice(2), { lr: 0.1 }), epochs: 1 });
    expect(w0.tolist()).toEqual(frozen);
    expect(w1.tolist()).not.toEqual(before);
  });
});
