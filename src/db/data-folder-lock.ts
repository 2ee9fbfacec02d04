import fs from 'node:fs';
import path from 'node:path';

/** File in a PGlite data folder that contains the id of the process using the folder. */
export const lockFileName = 'eiso.lock';

// Lock files that this process holds, so that a second open in the same process fails too.
const held = new Set<string>();

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): number {
  try {
    return Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
  } catch {
    return Number.NaN;
  }
}

/**
 * Marks `folder` as used by this process and returns the function that releases it. Throws when
 * another running process, or this one, holds the folder, because PGlite takes no lock of its own
 * and two databases writing one folder leave it unreadable. A lock file whose process has ended
 * (after a crash or SIGKILL) is taken over.
 *
 * NOTE: two processes that find the same stale lock at the same moment can both take it over.
 */
export function lockDataFolder(folder: string): () => void {
  const file = path.join(folder, lockFileName);
  if (held.has(file)) {
    throw new Error(`The data folder ${folder} is already open in this process.`);
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return holdLock(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner !== process.pid && isRunning(owner)) {
      throw new Error(
        `The data folder ${folder} is in use by process ${owner}. Stop that eiso server first, ` +
          `or set EISO_DATA_DIR to another folder. If no eiso server runs, delete ${file}.`,
      );
    }
    fs.rmSync(file, { force: true });
  }
  throw new Error(`Could not create the lock file ${file}: another process keeps creating it.`);
}

function holdLock(file: string): () => void {
  held.add(file);
  const release = () => {
    if (!held.delete(file)) return;
    process.removeListener('exit', release);
    fs.rmSync(file, { force: true });
  };
  // An exit without closing the database still frees the folder for the next start.
  process.on('exit', release);
  return release;
}
