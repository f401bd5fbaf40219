/** "1 segment", "2 segments": a count with its noun in the singular only for exactly one. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
