/**
 * Every command's name, argument line and one-line description, in a module that imports nothing:
 * `triangulate --help` lists the commands from here without loading any command's code, and each
 * command's module registers itself with the same description when it is run.
 */
export interface CommandSummary {
  /** The module under ./commands that implements it (loaded on demand). */
  module: 'core' | 'agreement' | 'merge' | 'export' | 'exchange' | 'open';
  args: string;
  description: string;
}

export const COMMANDS = {
  new: { module: 'core', args: '<project>', description: 'create a project file with the default CHAT codebook' },
  demo: { module: 'core', args: '<dir>', description: "write the embedded demo project (video + three coders' codes) into dir" },
  'import-segments': { module: 'core', args: '<project> <csv>', description: 'add coded segments from CSV' },
  agreement: {
    module: 'agreement',
    args: '<input>',
    description: "compute inter-rater agreement (percent, Cohen, Fleiss, Krippendorff's alpha, positive agreement; per code, per pair, pooled)",
  },
  'coder-file': { module: 'merge', args: '<project> <coder-name>', description: "hand out a coder file: a copy for one coder (blind: no other coder's segments)" },
  merge: { module: 'merge', args: '<project> <coder-files...>', description: 'merge coder files into a project (idempotent; one transaction)' },
  export: {
    module: 'export',
    args: '<project>',
    description: 'write a CSV export: thematic summary, segments, contradictions (+ matrix), agreement (+ settings and decision log) or a comparison table of participants or groups (--kind matrix)',
  },
  import: { module: 'exchange', args: '[project] [file]', description: 'import codes, coders and segments from REFI-QDA, ELAN or BORIS files (one transaction)' },
  'exchange-export': { module: 'exchange', args: '<project>', description: 'export the project as a REFI-QDA .qdpx or an ELAN .eaf (same as export --kind qdpx|eaf)' },
  open: { module: 'open', args: '[project]', description: 'open the app on a project (default: the demo project): Electron where installed, else web mode in your browser' },
} as const satisfies Record<string, CommandSummary>;

export type CommandName = keyof typeof COMMANDS;

export const describe = (name: CommandName): string => COMMANDS[name].description;
