/**
 * Where a multi-file export's side file goes: the suffix is inserted before a trailing ".csv"
 * (any case), else appended with ".csv". sideFilePath("out/agr.csv", "-settings") →
 * "out/agr-settings.csv"; sideFilePath("out/agr", "-settings") → "out/agr-settings.csv";
 * an empty suffix returns the path unchanged.
 */
export function sideFilePath(outPath: string, suffix: string): string {
  if (suffix === '') return outPath;
  const m = /\.csv$/i.exec(outPath);
  return m ? `${outPath.slice(0, m.index)}${suffix}${m[0]}` : `${outPath}${suffix}.csv`;
}
