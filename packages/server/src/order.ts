// Strings in code-point order: the same on every machine and locale, for
// output whose order must not depend on where it was made.

export function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
