let enabled = true;

/** Whether ops on tensors that require grad are being recorded right now. */
export function isGradEnabled(): boolean {
  return enabled;
}

function withMode<T>(mode: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = mode;
  try {
    const result = fn();
    if (result instanceof Promise)
      throw new Error('noGrad/enableGrad: the callback returned a Promise; grad mode only covers synchronous code');
    return result;
  } finally {
    enabled = previous;
  }
}

/** Runs `fn` without recording gradients (evaluation, parameter updates), like `torch.no_grad()`. */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Runs `fn` with recording on, even inside `noGrad`. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}
