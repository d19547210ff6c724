/**
 * Tells an iterator left before its end that it is done (`return()`), as `for..of` does, so a
 * generator's `finally` runs. When an error is already on its way (`failing`), that error is
 * the one reported, as with `for..of`, and one thrown by `return()` is dropped.
 */
export function leaveIterator(it: Iterator<unknown>, failing: boolean): void {
  if (!failing) {
    it.return?.();
    return;
  }
  try {
    it.return?.();
  } catch {
    // The error already on its way is the one to report.
  }
}
