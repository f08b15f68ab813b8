/** "1 sample", "3 samples": a count with its noun (and any verb) in agreement. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
