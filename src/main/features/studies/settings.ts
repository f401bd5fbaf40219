/**
 * The user's settings (app data folder, never inside a study): recent studies, the last study
 * opened, and whether studies keep rolling automatic backups. One small JSON file, rewritten
 * atomically (write to a temporary file, then rename). A damaged file is treated as empty.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const RECENT_MAX = 12;

const recentSchema = z.object({
  file: z.string(),
  name: z.string(),
  lastOpened: z.number(),
  segments: z.number(),
  coders: z.number(),
});
const settingsSchema = z.object({
  recent: z.array(recentSchema).default([]),
  lastStudy: z.string().nullable().default(null),
  backups: z.boolean().default(true),
});

export type RecentStudy = z.infer<typeof recentSchema>;
export type UserSettings = z.infer<typeof settingsSchema>;

export class SettingsFile {
  constructor(readonly dir: string) {}

  get file(): string {
    return path.join(this.dir, 'settings.json');
  }

  read(): UserSettings {
    try {
      return settingsSchema.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch {
      return settingsSchema.parse({});
    }
  }

  write(s: UserSettings): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(s, null, 2));
    fs.renameSync(tmp, this.file);
  }

  update(fn: (s: UserSettings) => UserSettings): UserSettings {
    const next = fn(this.read());
    this.write(next);
    return next;
  }

  /** Puts a study at the top of the recent list (and makes it the study reopened next launch). */
  remember(entry: RecentStudy): void {
    this.update((s) => ({ ...s, lastStudy: entry.file, recent: [entry, ...s.recent.filter((r) => r.file !== entry.file)].slice(0, RECENT_MAX) }));
  }

  forget(file: string): void {
    this.update((s) => ({ ...s, lastStudy: s.lastStudy === file ? null : s.lastStudy, recent: s.recent.filter((r) => r.file !== file) }));
  }
}
