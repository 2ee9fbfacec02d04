import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/connect.js';
import { lockDataFolder, lockFileName } from '../../src/db/data-folder-lock.js';

// Id of a process that has ended: a child that ran `true` and exited.
function endedProcessId(): number {
  const child = spawnSync('true');
  if (!child.pid) throw new Error('could not start `true`');
  return child.pid;
}

describe('data folder lock', () => {
  let folder: string;

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'eiso-lock-'));
  });

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('writes and releases the lock file', () => {
    const release = lockDataFolder(folder);
    const content = fs.readFileSync(path.join(folder, lockFileName), 'utf8');
    release();

    expect(content.trim()).toBe(String(process.pid));
    expect(fs.existsSync(path.join(folder, lockFileName))).toBe(false);
  });

  it('rejects a second lock in this process', () => {
    const release = lockDataFolder(folder);
    try {
      expect(() => lockDataFolder(folder)).toThrow('is already open in this process');
    } finally {
      release();
    }
  });

  it('rejects a folder of a running process', () => {
    // The parent of this worker is alive while the test runs.
    fs.writeFileSync(path.join(folder, lockFileName), `${process.ppid}\n`);

    expect(() => lockDataFolder(folder)).toThrow(`is in use by process ${process.ppid}`);
    expect(fs.readFileSync(path.join(folder, lockFileName), 'utf8').trim()).toBe(
      String(process.ppid),
    );
  });

  it('takes over a lock of an ended process', () => {
    fs.writeFileSync(path.join(folder, lockFileName), `${endedProcessId()}\n`);

    const release = lockDataFolder(folder);
    const content = fs.readFileSync(path.join(folder, lockFileName), 'utf8');
    release();

    expect(content.trim()).toBe(String(process.pid));
  });

  it('takes over an unreadable lock file', () => {
    fs.writeFileSync(path.join(folder, lockFileName), 'not a process id');

    const release = lockDataFolder(folder);
    release();

    expect(fs.existsSync(path.join(folder, lockFileName))).toBe(false);
  });

  it('opens one PGlite per database', async () => {
    const db = connectDatabase({ dataDir: folder });
    await db.raw('select 1');
    // Knex calls its connection function again for the first pooled connection; the PGlite that
    // call returned must be the one that the driver queries.
    const client = db.client as { pglite: unknown; connectionSettings: { pglite: unknown } };
    const driverPglite = client.pglite;
    const pooledPglite = client.connectionSettings.pglite;
    await db.destroy();

    expect(pooledPglite).toBe(driverPglite);
  });

  it('holds the folder while PGlite is open', async () => {
    const db = connectDatabase({ dataDir: folder });
    await db.raw('select 1');

    expect(() => connectDatabase({ dataDir: folder })).toThrow('is already open in this process');
    await db.destroy();

    expect(fs.existsSync(path.join(folder, lockFileName))).toBe(false);
    const reopened = connectDatabase({ dataDir: folder });
    const result = await reopened.raw('select 2 AS value');
    await reopened.destroy();
    expect(result.rows[0].value).toBe(2);
  });
});
