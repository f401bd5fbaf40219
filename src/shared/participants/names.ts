/**
 * When two names are the same person, group or activity system: compared in Unicode NFC (a
 * macOS file's "é" is two code points), with the ends trimmed, inner runs of whitespace (a
 * spreadsheet's no-break space included) as one space, and case ignored ("LENA" is Lena).
 */
export function foldName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** The first of `items` whose name folds like `name`, if any. */
export function findByName<T extends { name: string }>(items: readonly T[], name: string): T | undefined {
  const want = foldName(name);
  return items.find((x) => foldName(x.name) === want);
}
