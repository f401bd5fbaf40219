/**
 * Node-free typing of `csv-stringify/browser/esm/sync`, for the subset csvlib.ts uses. The
 * package's own .d.ts references @types/node; map the module here with tsconfig `paths` to keep
 * Node types out of the shared program (see csvlib.ts).
 */
export interface CsvStringifyOptions {
  record_delimiter?: string;
  quoted_match?: string | RegExp | (string | RegExp)[];
  /** Per-type conversion of a cell to its text (csv-stringify's `cast` option). */
  cast?: {
    string?: (value: string) => string;
    number?: (value: number) => string;
    boolean?: (value: boolean) => string;
  };
}
export declare function stringify(input: unknown[][], options?: CsvStringifyOptions): string;
