import fs from 'node:fs';

// Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time by
// function and by package, and total time of the functions whose name or
// file matches a filter. Usage: tsx bench/profile-summary.ts FILE [FILTER...]

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...filters] = process.argv.slice(2);
if (!file) {
  console.error('usage: tsx bench/profile-summary.ts FILE.cpuprofile [FILTER...]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes)
  for (const child of node.children ?? []) parents.set(child, node.id);

const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const totalMicros = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const shortUrl = url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/main\//, '');
  return `${functionName || '(anonymous)'} ${shortUrl}:${lineNumber + 1}`;
}

function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  if (url.includes('/main/src/')) return 'eiso src';
  if (url.startsWith('node:')) return 'node core';
  return url ? 'other' : functionName || '(native)';
}

function top(entries: Map<string, number>, count: number): string[] {
  return [...entries.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => `${((100 * micros) / totalMicros).toFixed(1).padStart(5)}%  ${name}`);
}

const byFunction = new Map<string, number>();
const byPackage = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = nodes.get(id);
  if (!node) continue;
  byFunction.set(label(node), (byFunction.get(label(node)) ?? 0) + micros);
  byPackage.set(packageOf(node), (byPackage.get(packageOf(node)) ?? 0) + micros);
}

// Inclusive time: a sample counts once for each distinct matching frame on its stack.
function inclusive(filter: string): Map<string, number> {
  const totals = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const seen = new Set<string>();
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parents.get(current)
    ) {
      const node = nodes.get(current);
      if (!node || !label(node).includes(filter)) continue;
      seen.add(label(node));
    }
    for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + micros);
  }
  return totals;
}

console.log(`${(totalMicros / 1e6).toFixed(1)} s sampled\n\nSelf time by package:`);
console.log(top(byPackage, 15).join('\n'));
console.log('\nSelf time by function:');
console.log(top(byFunction, 30).join('\n'));
for (const filter of filters) {
  console.log(`\nTotal time of functions matching '${filter}':`);
  console.log(top(inclusive(filter), 40).join('\n'));
}
