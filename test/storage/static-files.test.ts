/**
 * The renderer's files as both shells serve them (web mode's server and Electron's app://):
 * one answer, so a type or a refusal cannot differ between the two.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerStatic, CSP } from '../../src/main/http/static';
import { tmpDir } from '../helpers/tmp';

function renderer(): string {
  const root = tmpDir();
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'data.bin'), 'x');
  return root;
}

describe('answerStatic', () => {
  it('answers / with index.html as UTF-8 HTML under the given CSP, and types an SVG as such', () => {
    const root = renderer();
    const index = answerStatic(root, '/');
    expect(index).toMatchObject({ status: 200, file: path.join(root, 'index.html') });
    expect(index.headers['Content-Type']).toBe('text/html; charset=utf-8');
    expect(index.headers['Content-Security-Policy']).toBe(CSP);
    expect(answerStatic(root, '/assets/logo.svg', 'media-src media:').headers).toMatchObject({
      'Content-Type': 'image/svg+xml',
      'Content-Security-Policy': 'media-src media:',
    });
    expect(answerStatic(root, '/assets/data.bin').headers['Content-Type']).toBe('application/octet-stream');
  });

  it('refuses a missing file or a folder (404), a bad escape (400) and a path leaving the root (403), with no file', () => {
    const root = renderer();
    const refused = (pathname: string) => {
      const a = answerStatic(root, pathname);
      return [a.status, a.text, a.file];
    };
    expect(refused('/nothing.js')).toEqual([404, 'Not found', undefined]);
    expect(refused('/assets')).toEqual([404, 'Not found', undefined]);
    expect(refused('/%E0%A4%A')).toEqual([400, 'Bad Request', undefined]);
    expect(refused(`/..%2f${path.basename(root)}-beside.txt`)).toEqual([403, 'Forbidden', undefined]);
  });
});
