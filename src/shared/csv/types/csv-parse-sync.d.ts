/**
 * Node-free typing of `csv-parse/browser/esm/sync`, for the subset csvlib.ts uses. The package's
 * own .d.ts references @types/node; map the module here with tsconfig `paths` to keep Node types
 * out of the shared program (see csvlib.ts).
 */
export interface CsvParseOptions {
  relax_column_count?: boolean;
  skip_empty_lines?: boolean;
  record_delimiter?: string | string[];
}
export declare function parse(input: string, options?: CsvParseOptions): unknown;
