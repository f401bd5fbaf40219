/**
 * Issue 13 item 6: the application menu built from the command list, its accelerators per
 * platform, and the routing of study files (argv, second instance, macOS open-file), without the
 * Electron binary; and the `.triangulate` file association in electron-builder.yml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, routeStudyFiles, studyFromArgv, type AppLike, type MenuItem } from '../../src/main/features/studies/menu';
import { webStudyMenu } from '../../src/shared/studies/commands';

const find = (items: MenuItem[], label: string): MenuItem => items.find((i) => i.label?.replace('&', '') === label)!;
const labels = (items: MenuItem[] | undefined) => (items ?? []).map((i) => i.type ?? i.label ?? i.role);

function template(platform: 'darwin' | 'win32' | 'linux', studyOpen = true) {
  const ran: [string, string | undefined][] = [];
  const t = buildMenuTemplate({ platform, studyOpen, recent: [{ file: '/s/A.triangulate', name: 'A' }, { file: '/s/Gone.triangulate', name: 'Gone', missing: true }], run: (id, f) => ran.push([id, f]) });
  return { t, ran };
}

describe('application menu', () => {
  it('File, Edit, View, Help in that order; macOS adds the app menu first', () => {
    expect(labels(template('linux').t)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(template('darwin').t)).toEqual(['appMenu', 'File', 'Edit', 'View', 'Help']);
  });

  it('the File menu lists the study commands, with Open Recent, and Quit outside macOS', () => {
    const file = find(template('linux').t, 'File').submenu!;
    expect(labels(file)).toEqual([
      'New Study…', 'Open…', 'Open &Recent', 'Open the Demo', 'separator', 'Add Recordings…', 'Recordings…', 'Import…', 'Export…', 'Save a Copy…',
      'separator', 'Study Settings…', 'separator', 'Close Study', 'separator', 'Quit',
    ]);
    expect(labels(find(template('darwin').t, 'File').submenu)).not.toContain('Quit');
  });

  it('accelerators follow each platform', () => {
    const acc = (p: 'darwin' | 'win32' | 'linux', menu: string, label: string) => find(find(template(p).t, menu).submenu!, label).accelerator;
    expect(acc('win32', 'Edit', 'Redo')).toBe('Ctrl+Y');
    expect(acc('linux', 'Edit', 'Redo')).toBe('Ctrl+Shift+Z');
    expect(acc('darwin', 'Edit', 'Redo')).toBe('Cmd+Shift+Z');
    expect(acc('darwin', 'View', 'Full Screen')).toBe('Ctrl+Cmd+F');
    expect(acc('win32', 'View', 'Full Screen')).toBe('F11');
    expect(acc('linux', 'File', 'New Study…')).toBe('CmdOrCtrl+N');
    expect(acc('win32', 'File', 'Quit')).toBe('Alt+F4');
  });

  it('clipboard and zoom items are Electron roles; app commands run in the page and need a study', () => {
    const { t, ran } = template('linux', false);
    const edit = find(t, 'Edit').submenu!;
    expect(find(edit, 'Copy').role).toBe('copy');
    expect(find(edit, 'Undo')).toMatchObject({ enabled: false });
    const file = find(t, 'File').submenu!;
    expect(find(file, 'Close Study').enabled).toBe(false);
    expect(find(file, 'New Study…').enabled).toBe(true);
    find(file, 'New Study…').click!();
    const recent = find(file, 'Open Recent').submenu!;
    expect(recent.map((r) => [r.label, r.enabled])).toEqual([['A — /s/A.triangulate', true], ['Gone — /s/Gone.triangulate', false]]);
    recent[0]!.click!();
    expect(ran).toEqual([['newStudy', undefined], ['openRecent', '/s/A.triangulate']]);
  });

  it('web mode\'s Study menu holds the same study commands', () => {
    expect(webStudyMenu().map((c) => c.label)).toEqual(['New Study…', 'Open…', 'Open the Demo', 'Add Recordings…', 'Recordings…', 'Import…', 'Export…', 'Save a Copy…', 'Study Settings…', 'Close Study']);
  });
});

class FakeApp implements AppLike {
  locked = true;
  quitted = false;
  handlers = new Map<string, (...a: never[]) => void>();
  requestSingleInstanceLock() {
    return this.locked;
  }
  quit() {
    this.quitted = true;
  }
  on(event: string, fn: (...a: never[]) => void) {
    this.handlers.set(event, fn);
    return this;
  }
  emit(event: string, ...args: unknown[]) {
    (this.handlers.get(event) as (...a: unknown[]) => void)(...args);
  }
}

describe('opening study files from the system', () => {
  it('takes the study from argv (relative to the launch folder), ignoring flags and other files', () => {
    expect(studyFromArgv(['--inspect', 'notes.txt', 'studies/Pilot.triangulate'], '/home/ana')).toBe('/home/ana/studies/Pilot.triangulate');
    expect(studyFromArgv(['/x/A.TRIANGULATE'])).toBe('/x/A.TRIANGULATE');
    expect(studyFromArgv(['--web', 'video.mp4'])).toBeNull();
  });

  it('a second instance hands its file to the first and quits; open-file events wait for the window', () => {
    const app = new FakeApp();
    const opened: string[] = [];
    let focused = 0;
    const router = routeStudyFiles(app, (f) => opened.push(f), () => focused++)!;
    let prevented = false;
    app.emit('open-file', { preventDefault: () => (prevented = true) }, '/m/Early.triangulate');
    expect(opened).toEqual([]); // queued until ready
    router.ready();
    expect(opened).toEqual(['/m/Early.triangulate']);
    expect(prevented).toBe(true);
    app.emit('second-instance', {}, ['/opt/Triangulate/triangulate', 'B.triangulate'], '/home/ben');
    expect(opened).toEqual(['/m/Early.triangulate', '/home/ben/B.triangulate']);
    expect(focused).toBe(1);

    const second = new FakeApp();
    second.locked = false;
    expect(routeStudyFiles(second, () => undefined, () => undefined)).toBeNull();
    expect(second.quitted).toBe(true);
  });
});

describe('electron-builder.yml', () => {
  it('registers .triangulate as a file association', () => {
    // the YAML block under fileAssociations (js-yaml is not a dependency of ours): "key: value" lines of its one item
    const text = fs.readFileSync(path.resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    const block = /^fileAssociations:\n((?:  .*\n)+)/m.exec(text)![1]!;
    const item = Object.fromEntries(block.split('\n').filter(Boolean).map((l) => /^\s*-?\s*(\w+): (.*)$/.exec(l)!.slice(1)));
    expect(block.match(/^  - /gm)).toHaveLength(1);
    expect(item).toMatchObject({ ext: 'triangulate', name: 'Triangulate study', role: 'Editor', mimeType: 'application/x-triangulate' });
  });
});
