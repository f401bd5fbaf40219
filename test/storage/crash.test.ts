import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from '../../src/main/db/store';
import { tmpDir } from '../helpers/tmp';

const WRITER = path.resolve(__dirname, '../fixtures/crash-writer.ts');

describe('crash safety', () => {
  it('keeps every edit reported as committed when the process is killed with SIGKILL', async () => {
    const file = path.join(tmpDir(), 'crash.triangulate');
    const store = ProjectStore.create(file);
    const media = store.insertMedia({ path: '/v.mp4', name: 'v.mp4', fingerprint: 'a'.repeat(64), size: 1, durationMs: 60_000 });
    const coder = store.insertCoder({ name: 'Amina' });
    const code = store.listCodes().find((c) => c.element === 'tools')!;
    store.close();

    // the writer runs in this child itself (tsx as a loader, not tsx's CLI, which would put the
    // script in a grandchild that SIGKILL never reaches)
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, file, media.id, coder.id, code.id], { stdio: ['ignore', 'pipe', 'inherit'] });
    const reported: string[] = [];
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const l of lines) if (l.startsWith('committed ')) reported.push(l.slice(10));
        // kill mid-stream, while it is writing as fast as it can
        if (reported.length >= 400 && !child.killed) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited without being killed (${signal})`))));
      child.on('error', reject);
    });

    expect(reported.length).toBeGreaterThanOrEqual(400);
    // the writer is really gone: nothing may write to the file while we check it
    expect(() => process.kill(child.pid!, 0)).toThrow();
    const after = ProjectStore.open(file); // opens: WAL recovery leaves a consistent file
    expect(after.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const ids = new Set(after.listSegments(media.id).map((s) => s.id));
    const lost = reported.filter((id) => !ids.has(id));
    expect(lost).toEqual([]);
    // every stored segment carries its code link (no half-written edit)
    expect(after.listSegments(media.id).every((s) => s.codeIds.length === 1)).toBe(true);
    after.close();
  });
});
