/**
 * The app's commands, one list for both shells: Electron builds its application menu from it
 * (src/main/features/studies/menu.ts) and web mode shows the same study commands in the top
 * bar's "Study" menu. A command either runs in the page (the renderer handles its id) or is one
 * of Electron's roles (cut, copy, zoom...). Pure.
 */

export type MenuId = 'file' | 'edit' | 'view' | 'help';
export type Platform = 'darwin' | 'win32' | 'linux';

export const PAGE_COMMANDS = [
  'newStudy', 'openStudy', 'openDemo', 'addRecordings', 'recordings', 'import', 'export', 'saveCopy', 'studySettings', 'closeStudy',
  'undo', 'redo', 'viewCode', 'viewAgreement', 'viewReconcile', 'viewThemes', 'viewExchange', 'viewCompare', 'keyMap', 'about',
] as const;
export type PageCommand = (typeof PAGE_COMMANDS)[number];

export type ElectronRole = 'cut' | 'copy' | 'paste' | 'selectAll' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'quit' | 'openReadme';

export interface AppCommand {
  id: PageCommand | ElectronRole;
  label: string;
  menu: MenuId;
  /** Electron accelerator for each platform (absent: none). */
  keys?: Partial<Record<Platform, string>> & { all?: string };
  /** Needs an open study (greyed out on the start screen). */
  needsStudy?: boolean;
  /** Shown in web mode's "Study" menu. */
  web?: boolean;
  /** A separator goes before this item. */
  separatorBefore?: boolean;
}

const mod = (k: string) => ({ all: `CmdOrCtrl+${k}` });

export const APP_COMMANDS: readonly AppCommand[] = [
  { id: 'newStudy', label: 'New Study…', menu: 'file', keys: mod('N'), web: true },
  { id: 'openStudy', label: 'Open…', menu: 'file', keys: mod('O'), web: true },
  { id: 'openDemo', label: 'Open the Demo', menu: 'file', web: true },
  { id: 'addRecordings', label: 'Add Recordings…', menu: 'file', keys: { all: 'CmdOrCtrl+Shift+A' }, needsStudy: true, web: true, separatorBefore: true },
  { id: 'recordings', label: 'Recordings…', menu: 'file', needsStudy: true, web: true },
  { id: 'import', label: 'Import…', menu: 'file', keys: mod('I'), needsStudy: true, web: true },
  { id: 'export', label: 'Export…', menu: 'file', keys: mod('E'), needsStudy: true, web: true },
  { id: 'saveCopy', label: 'Save a Copy…', menu: 'file', keys: { all: 'CmdOrCtrl+Shift+S' }, needsStudy: true, web: true },
  { id: 'studySettings', label: 'Study Settings…', menu: 'file', keys: mod(','), needsStudy: true, web: true, separatorBefore: true },
  { id: 'closeStudy', label: 'Close Study', menu: 'file', keys: mod('W'), needsStudy: true, web: true, separatorBefore: true },
  { id: 'quit', label: 'Quit', menu: 'file', keys: { darwin: 'Cmd+Q', linux: 'Ctrl+Q', win32: 'Alt+F4' } },
  { id: 'undo', label: 'Undo', menu: 'edit', keys: mod('Z'), needsStudy: true },
  { id: 'redo', label: 'Redo', menu: 'edit', keys: { darwin: 'Cmd+Shift+Z', linux: 'Ctrl+Shift+Z', win32: 'Ctrl+Y' }, needsStudy: true },
  { id: 'cut', label: 'Cut', menu: 'edit', keys: mod('X'), separatorBefore: true },
  { id: 'copy', label: 'Copy', menu: 'edit', keys: mod('C') },
  { id: 'paste', label: 'Paste', menu: 'edit', keys: mod('V') },
  { id: 'selectAll', label: 'Select All', menu: 'edit', keys: mod('A') },
  { id: 'viewCode', label: 'Coding', menu: 'view', keys: mod('1'), needsStudy: true },
  { id: 'viewAgreement', label: 'Agreement', menu: 'view', keys: mod('2'), needsStudy: true },
  { id: 'viewReconcile', label: 'Merge && Reconcile', menu: 'view', keys: mod('3'), needsStudy: true },
  { id: 'viewThemes', label: 'Themes && Exports', menu: 'view', keys: mod('4'), needsStudy: true },
  { id: 'viewExchange', label: 'Import / Export', menu: 'view', keys: mod('5'), needsStudy: true },
  { id: 'viewCompare', label: 'Compare', menu: 'view', keys: mod('6'), needsStudy: true },
  { id: 'resetZoom', label: 'Actual Size', menu: 'view', keys: mod('0'), separatorBefore: true },
  { id: 'zoomIn', label: 'Zoom In', menu: 'view', keys: mod('=') },
  { id: 'zoomOut', label: 'Zoom Out', menu: 'view', keys: mod('-') },
  { id: 'togglefullscreen', label: 'Full Screen', menu: 'view', keys: { darwin: 'Ctrl+Cmd+F', linux: 'F11', win32: 'F11' } },
  { id: 'keyMap', label: 'Key Map', menu: 'help', keys: { all: 'Shift+/' } },
  { id: 'openReadme', label: 'README', menu: 'help' },
  { id: 'about', label: 'About Triangulate', menu: 'help' },
];

/** The accelerator of a command on a platform, or undefined. */
export function acceleratorFor(cmd: AppCommand, platform: Platform): string | undefined {
  return cmd.keys?.[platform] ?? cmd.keys?.all;
}

/** Web mode's "Study" menu: the file commands a page can run. */
export function webStudyMenu(): AppCommand[] {
  return APP_COMMANDS.filter((c) => c.web);
}
