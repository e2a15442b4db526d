import fs from 'node:fs';
import path from 'node:path';

// PGlite has no lock of its own: a second process can open the same directory and silently lose commits
// (../shared/FACTS.md). One process at a time, and a clear message when that rule stops someone.
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Kuulo's data directory ${dataDir} is in use by process ${pid} (a running server or CLI). ` +
        `Stop that process first, or point DATABASE_URL at PostgreSQL to run several processes.`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Lock files this process holds: a second open inside the same process is refused as well (the lock file alone
// cannot tell that apart from a stale file left by an earlier process that had the same PID).
const heldHere = new Set<string>();

/** Takes the directory's lock file or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, 'kuulo.lock');
  if (heldHere.has(lockFile)) throw new DataDirInUseError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
      heldHere.add(lockFile);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        heldHere.delete(lockFile);
        fs.rmSync(lockFile, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      // A stale lock from a process that died without cleaning up.
      fs.rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}
