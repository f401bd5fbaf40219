/**
 * The Electron application menu, built from the command list (src/shared/studies/commands.ts),
 * and the routing of study files given by the system: argv at launch, `second-instance` argv
 * (Windows/Linux, with the single-instance lock) and `open-file` (macOS). Typed structurally so
 * it is unit-tested without the Electron binary.
 */
import path from 'node:path';
import { APP_COMMANDS, acceleratorFor, type AppCommand, type MenuId, type Platform } from '../../../shared/studies/commands';

/** The subset of Electron's MenuItemConstructorOptions this menu uses. */
export interface MenuItem {
  label?: string;
  role?: string;
  accelerator?: string;
  enabled?: boolean;
  type?: 'separator';
  submenu?: MenuItem[];
  click?: () => void;
}

export interface MenuOptions {
  platform: Platform;
  studyOpen: boolean;
  recent: { file: string; name: string; missing?: boolean }[];
  /** Runs a command (a page command, 'openReadme', or 'openRecent' with the file). */
  run: (id: string, file?: string) => void;
}

const ROLES = new Set(['cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit']);
const MENUS: { id: MenuId; label: string }[] = [
  { id: 'file', label: '&File' },
  { id: 'edit', label: '&Edit' },
  { id: 'view', label: '&View' },
  { id: 'help', label: '&Help' },
];

function item(cmd: AppCommand, o: MenuOptions): MenuItem {
  const accelerator = acceleratorFor(cmd, o.platform);
  const base: MenuItem = { label: cmd.label, ...(accelerator ? { accelerator } : {}) };
  if (ROLES.has(cmd.id)) return { ...base, role: cmd.id };
  return { ...base, enabled: !cmd.needsStudy || o.studyOpen, click: () => o.run(cmd.id) };
}

function recentMenu(o: MenuOptions): MenuItem {
  const submenu: MenuItem[] = o.recent.map((r) => ({ label: `${r.name} — ${r.file}`, enabled: !r.missing, click: () => o.run('openRecent', r.file) }));
  return { label: 'Open &Recent', enabled: submenu.length > 0, submenu };
}

export function buildMenuTemplate(o: MenuOptions): MenuItem[] {
  const template: MenuItem[] = o.platform === 'darwin' ? [{ role: 'appMenu' }] : [];
  for (const menu of MENUS) {
    const submenu: MenuItem[] = [];
    for (const cmd of APP_COMMANDS.filter((c) => c.menu === menu.id)) {
      if (cmd.id === 'quit' && o.platform === 'darwin') continue; // in the app menu on macOS
      if (cmd.separatorBefore || cmd.id === 'quit') submenu.push({ type: 'separator' });
      submenu.push(item(cmd, o));
      if (cmd.id === 'openStudy') submenu.push(recentMenu(o));
    }
    template.push({ label: o.platform === 'darwin' ? menu.label.replace('&', '') : menu.label, submenu });
  }
  return template;
}

/** The study file named on a command line (the last argument ending in .triangulate), resolved from cwd. */
export function studyFromArgv(argv: readonly string[], cwd = process.cwd()): string | null {
  const found = [...argv].reverse().find((a) => !a.startsWith('-') && /\.triangulate$/i.test(a));
  return found ? path.resolve(cwd, found) : null;
}

/** The parts of Electron's `app` the routing uses. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', fn: (e: unknown, argv: string[], cwd: string) => void): unknown;
  on(event: 'open-file', fn: (e: { preventDefault(): void }, file: string) => void): unknown;
}

/**
 * Routes files the system asks us to open into the running app: takes the single-instance lock
 * (a second launch quits and hands its argv to the first), queues `open-file` events that arrive
 * before the window is ready. Returns null when another instance has the lock (this one quits).
 */
export function routeStudyFiles(app: AppLike, open: (file: string) => void, focus: () => void): { ready(): void } | null {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  let isReady = false;
  const queue: string[] = [];
  const deliver = (file: string) => (isReady ? open(file) : queue.push(file));
  app.on('second-instance', (_e, argv, cwd) => {
    focus();
    const file = studyFromArgv(argv.slice(1), cwd);
    if (file) deliver(file);
  });
  app.on('open-file', (e, file) => {
    e.preventDefault();
    deliver(path.resolve(file));
  });
  return {
    ready() {
      isReady = true;
      for (const f of queue.splice(0)) open(f);
    },
  };
}
