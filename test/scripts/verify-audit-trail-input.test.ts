import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const script = path.resolve(import.meta.dirname, '../../scripts/verify-audit-trail.mjs');
const usage = 'Run it as: node scripts/verify-audit-trail.mjs audit-trail-123.json';
const format = { version: 'eiso-history-chain/1' };

let folder: string;

/** Runs the script with `args` and returns its exit status, stdout and stderr. */
async function verify(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

async function fileWith(name: string, content: string): Promise<string> {
  const file = path.join(folder, name);
  await writeFile(file, content);
  return file;
}

/** Expects one line on stderr that contains `problem` and the usage, and nothing on stdout. */
function expectOneLine(result: { stdout: string; stderr: string }, problem: string): void {
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toContain(problem);
  expect(lines[0]).toContain(usage);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stdout).toBe('');
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'eiso-verify-input-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('verification script input', () => {
  it('asks for a file without an argument', async () => {
    const result = await verify();

    expect(result.code).toBe(2);
    expectOneLine(result, 'No file given');
  });

  it('names a missing file', async () => {
    const missing = path.join(folder, 'missing.json');

    const result = await verify(missing);

    expect(result.code).toBe(2);
    expectOneLine(result, `Cannot read ${missing}: the file does not exist.`);
  });

  it('names a folder given as the file', async () => {
    const subfolder = path.join(folder, 'exports');
    await mkdir(subfolder, { recursive: true });

    const result = await verify(subfolder);

    expect(result.code).toBe(2);
    expectOneLine(result, 'it is a folder, not a file');
  });

  it('rejects text that is not JSON', async () => {
    const file = await fileWith('text.json', 'hello\nworld\n');

    const result = await verify(file);

    expect(result.code).toBe(2);
    expectOneLine(result, `${file} does not contain JSON.`);
  });

  it.each([
    ['a list', '[1, 2]', 'it contains no JSON object'],
    ['null', 'null', 'it contains no JSON object'],
    ['another format', '{"format":{"version":"x/2"},"events":[]}', 'its format.version is "x/2"'],
    ['no instance', JSON.stringify({ format, events: [] }), 'it has no instance.key'],
    ['events not a list', JSON.stringify({ format, instance: { key: '1' } }), 'its events are'],
    [
      'a null event',
      JSON.stringify({ format, instance: { key: '1' }, events: [null] }),
      'events[0] is not an event',
    ],
    [
      'an event without hash',
      JSON.stringify({ format, instance: { key: '1' }, events: [{ position: 1 }] }),
      'events[0] is not an event',
    ],
  ])('rejects JSON with %s', async (_case, content, problem) => {
    const file = await fileWith(`shape-${Math.random().toString(36).slice(2)}.json`, content);

    const result = await verify(file);

    expect(result.code).toBe(2);
    expectOneLine(result, `${file} is not an eiso audit trail: ${problem}`);
  });

  it('fails on an empty events list', async () => {
    const file = await fileWith(
      'empty.json',
      JSON.stringify({ format, instance: { key: '1' }, events: [] }),
    );

    const result = await verify(file);

    expect(result.code).toBe(1);
    expectOneLine(result, `${file} lists no events`);
  });
});
