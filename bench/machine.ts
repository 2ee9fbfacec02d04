import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine and the command behind a set of figures. */
export interface MachineInfo {
  cpuModel: string;
  /** Cores this process may use (`os.availableParallelism()`). */
  cores: number;
  nodeVersion: string;
  memoryGiB: number;
  /** The 1-minute load average when the bench started; other work on the machine lowers every figure. */
  loadAverage: number;
  command: string;
  date: string;
}

/** Describes this machine from `/proc/cpuinfo` and `os`, with the command that started the bench. */
export function describeMachine(): MachineInfo {
  return {
    cpuModel: cpuModel(),
    cores: os.availableParallelism(),
    nodeVersion: process.version,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg()[0],
    command: benchCommand(),
    date: new Date().toISOString(),
  };
}

function cpuModel(): string {
  try {
    const line = fs
      .readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('model name'));
    if (line) return line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

// npm sets npm_lifecycle_event to the name of the script it runs, so
// `npm run bench` shows as such; any other start shows the script's path.
function benchCommand(): string {
  const settings = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  const script =
    process.env.npm_lifecycle_event === 'bench'
      ? 'npm run bench'
      : `tsx ${path.relative(process.cwd(), process.argv[1] ?? 'bench/run.ts')}`;
  const targets = process.argv.slice(2);
  const targetArguments =
    targets.length === 0 ? [] : script.startsWith('npm') ? ['--', ...targets] : targets;
  return [...settings, script, ...targetArguments].join(' ');
}
