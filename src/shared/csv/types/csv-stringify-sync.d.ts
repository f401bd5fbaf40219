/**
 * Node-free typing of `csv-stringify/browser/esm/sync`, for the subset csvlib.ts uses. The
 * package's own .d.ts references @types/node; map the module here with tsconfig `paths` to keep
 * Node types out of the shared program (see csvlib.ts).
 */
export interface CsvStringifyOptions {
  record_delimiter?: string;
  quoted_match?: string | RegExp | (string | RegExp)[];
}
export declare function stringify(input: string[][], options?: CsvStringifyOptions): string;
