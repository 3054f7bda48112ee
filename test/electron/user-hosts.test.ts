// The student's hosts.txt: created once from the bundled default, never overwritten.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  bundledHostsPath,
  ensureUserHostsFile,
  FALLBACK_HOSTS_TEXT,
} from '../../src-main/electron/main/user-hosts.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'netlab-hosts-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('ensureUserHostsFile', () => {
  it('copies the bundled default on first run', () => {
    const bundled = path.join(dir, 'bundled-hosts.txt');
    writeFileSync(bundled, '10.0.0.1:9000\n');
    const userData = path.join(dir, 'user data', 'NetLab');
    const result = ensureUserHostsFile(userData, bundled);
    expect(result).toEqual({ path: path.join(userData, 'hosts.txt'), created: true });
    expect(readFileSync(result.path, 'utf8')).toBe('10.0.0.1:9000\n');
  });

  it("keeps the student's edits on later runs", () => {
    const bundled = path.join(dir, 'bundled-hosts.txt');
    writeFileSync(bundled, 'default:1\n');
    const first = ensureUserHostsFile(dir, bundled);
    writeFileSync(first.path, 'my-server:8120\n');
    const second = ensureUserHostsFile(dir, bundled);
    expect(second.created).toBe(false);
    expect(readFileSync(second.path, 'utf8')).toBe('my-server:8120\n');
  });

  it('writes a working default when the bundled copy is missing', () => {
    const result = ensureUserHostsFile(dir, path.join(dir, 'missing.txt'));
    expect(readFileSync(result.path, 'utf8')).toBe(FALLBACK_HOSTS_TEXT);
  });

  it('matches the hosts.txt shipped in the repository', () => {
    expect(FALLBACK_HOSTS_TEXT).toBe(readFileSync(path.resolve('hosts.txt'), 'utf8'));
  });
});

describe('bundledHostsPath', () => {
  it('uses resources/ when installed and the project root from npm start', () => {
    const paths = { resourcesPath: '/opt/NetLab/resources', appPath: '/home/s/netlab' };
    expect(bundledHostsPath({ isPackaged: true, ...paths })).toBe(
      path.join('/opt/NetLab/resources', 'hosts.txt'),
    );
    expect(bundledHostsPath({ isPackaged: false, ...paths })).toBe(path.join('/home/s/netlab', 'hosts.txt'));
  });
});
