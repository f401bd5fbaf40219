/** Request targets as both transports read them (web mode's server and Electron's app:// / media://). */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePath, jsonTooDeep, requestUrl, staticFile } from '../../src/main/http/request';

describe('decodePath', () => {
  it.each([
    ['abc', 'abc'],
    ['caf%C3%A9', 'café'],
    ['..%2fsecret', '../secret'],
    ['%ff', null], // not UTF-8
    ['%e2%82', null], // truncated sequence
    ['%', null],
    ['index.html%00.js', null],
    ['..%5c..%5cwin.ini', null],
    ['a\\b', null],
  ])('%s → %s', (raw, decoded) => {
    expect(decodePath(raw)).toBe(decoded);
  });
});

describe('requestUrl', () => {
  const hosts = ['127.0.0.1:8080', 'localhost:8080'];
  it.each([
    ['/a/b?t=1', '/a/b'],
    ['http://127.0.0.1:8080/x', '/x'],
    ['http://localhost:8080/', '/'],
    ['http://[zz/', null],
    ['http://evil.example/x', null],
    ['https://127.0.0.1:8080/x', null],
    ['*', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (target, pathname) => {
    expect(requestUrl(target, '127.0.0.1:8080', hosts)?.pathname ?? null).toBe(pathname);
  });
});

describe('staticFile', () => {
  const root = path.resolve('/srv/app');
  it.each([
    ['/', { file: '/srv/app/index.html' }],
    ['/assets/a.js', { file: '/srv/app/assets/a.js' }],
    ['/caf%C3%A9.css', { file: '/srv/app/café.css' }],
    ['/..%2fsecret.txt', { status: 403 }],
    ['/assets/..%2f..%2fetc/passwd', { status: 403 }],
    ['/%ff', { status: 400 }],
    ['/index.html%00.js', { status: 400 }],
  ])('%s', (pathname, expected) => {
    expect(staticFile(root, pathname)).toEqual(expected);
  });
});

describe('jsonTooDeep', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['[[[]]]', 3, false],
    ['[[[[]]]]', 3, true],
    // brackets inside strings, and escaped quotes, do not count
    ['{"note":"[[[[[[ {{{{ \\" [[[["}', 1, false],
    ['["\\\\", [[]]]', 2, true],
  ])('%s (max %i) → %s', (text, max, expected) => {
    expect(jsonTooDeep(text, max)).toBe(expected);
  });
});
