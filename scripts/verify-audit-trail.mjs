#!/usr/bin/env node
// Verifies an eiso audit-trail export (audit-trail.json) without eiso: it recomputes the
// SHA-256 hash chain of the events as format eiso-history-chain/1 defines it (the export's
// format.description), and the checksum of the model XML. It uses only Node's crypto and fs,
// so an auditor can read all of it.
//
// Usage: node verify-audit-trail.mjs audit-trail-123.json
// Exit status: 0 when the chain verifies, 1 when it does not or the export lists no events, and
// 2 when the file cannot be read or is not an audit-trail export. Each input problem prints one
// line on stderr, without a stack trace.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const supportedFormat = 'eiso-history-chain/1';
const genesisHash = '0'.repeat(64);

function sha256(...parts) {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part, 'utf8');
  return hash.digest('hex');
}

// Sorts the keys of every object at every depth, and keeps the order of arrays.
function canonicalize(value) {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== 'object') return value;
  const sorted = {};
  for (const key of Object.keys(value).sort()) sorted[key] = canonicalize(value[key]);
  return sorted;
}

function hashEvent(previousHash, event) {
  const canonical = JSON.stringify([
    event.processInstanceKey,
    event.position,
    event.type,
    event.elementId,
    event.elementInstanceKey,
    event.actor,
    canonicalize(event.data),
    event.createdAt,
  ]);
  return sha256(previousHash, canonical);
}

function describe(event) {
  return `position ${event.position} (${event.type}, ${event.createdAt})`;
}

// Returns the first problem of the chain as { position, message }, or null when it verifies.
function firstProblem(trail) {
  const events = trail.events;
  let previousHash = genesisHash;
  for (const [index, event] of events.entries()) {
    const expected = index + 1;
    if (event.position !== expected) {
      const later = events.slice(index + 1).some((other) => other.position === expected);
      if (event.position > expected && !later) {
        return {
          position: expected,
          message: `event at position ${expected} is missing: the file goes from position ${expected - 1} to ${describe(event)}`,
        };
      }
      return {
        position: event.position,
        message: `event at ${describe(event)} is out of order: position ${expected} belongs here`,
      };
    }
    if (event.processInstanceKey !== trail.instance.key) {
      return {
        position: event.position,
        message: `event at ${describe(event)} belongs to process instance ${event.processInstanceKey}, not ${trail.instance.key}`,
      };
    }
    const recomputed = hashEvent(event.previousHash, event);
    if (recomputed !== event.hash) {
      return {
        position: event.position,
        message: `event at ${describe(event)} was changed: its fields hash to ${recomputed}, not to its stored hash ${event.hash}`,
      };
    }
    if (event.previousHash !== previousHash) {
      return {
        position: event.position,
        message: `event at ${describe(event)} does not chain on the event before it: previousHash ${event.previousHash}, expected ${previousHash}`,
      };
    }
    previousHash = event.hash;
  }
  const stated = trail.verification?.eventCount;
  if (typeof stated === 'number' && stated > events.length) {
    return {
      position: events.length + 1,
      message: `event at position ${events.length + 1} is missing: the export lists ${events.length} events, but its verification section counts ${stated}`,
    };
  }
  return null;
}

const usage = 'Run it as: node scripts/verify-audit-trail.mjs audit-trail-123.json';

// A problem with the input file, printed as one line that ends with the usage, and exit status 2.
class InputError extends Error {
  constructor(problem) {
    super(`${problem} ${usage}`);
  }
}

const readFailures = {
  ENOENT: 'the file does not exist',
  EISDIR: 'it is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function readTrail(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = readFailures[error.code] ?? error.message;
    throw new InputError(`Cannot read ${file}: ${reason}. Give the path of the audit-trail JSON.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new InputError(
      `${file} does not contain JSON. Give the audit-trail JSON that eiso exports, not its PDF or CSV.`,
    );
  }
}

// Returns what makes `trail` something other than an audit trail that firstProblem can read, or
// null when its shape fits.
function shapeProblem(trail) {
  if (trail === null || typeof trail !== 'object' || Array.isArray(trail))
    return 'it contains no JSON object';
  if (trail.format?.version !== supportedFormat)
    return `its format.version is ${JSON.stringify(trail.format?.version ?? null)}, not ${supportedFormat}`;
  if (typeof trail.instance?.key !== 'string') return 'it has no instance.key';
  if (!Array.isArray(trail.events)) return 'its events are not a list';
  const index = trail.events.findIndex(
    (event) =>
      event === null ||
      typeof event !== 'object' ||
      !Number.isInteger(event.position) ||
      typeof event.hash !== 'string' ||
      typeof event.previousHash !== 'string',
  );
  if (index >= 0)
    return `events[${index}] is not an event with a whole-number position, a hash and a previousHash`;
  return null;
}

function main() {
  const file = process.argv[2];
  if (!file) throw new InputError('No file given: name the audit-trail JSON that eiso exports.');
  const trail = readTrail(file);
  const shape = shapeProblem(trail);
  if (shape)
    throw new InputError(
      `${file} is not an eiso audit trail: ${shape}. Export the JSON audit trail from the instance page of eiso.`,
    );
  if (trail.events.length === 0) {
    console.error(
      `${file} lists no events, but every process instance has at least its start event: the events were removed or the export is incomplete. Export it again from eiso. ${usage}`,
    );
    return 1;
  }

  const definition = trail.processDefinition ?? {};
  const checksumValid =
    typeof definition.xml === 'string' && sha256(definition.xml) === definition.checksum;
  const problem = firstProblem(trail);
  const head = trail.events.at(-1)?.hash ?? genesisHash;

  console.log(`Process instance ${trail.instance.key}, ${trail.events.length} events.`);
  console.log(
    checksumValid
      ? `Model XML checksum: valid (${definition.checksum}).`
      : `Model XML checksum: INVALID: the XML does not hash to ${definition.checksum}.`,
  );
  if (problem) {
    console.log(`Hash chain: INVALID. First bad event: position ${problem.position}.`);
    console.log(`Reason: ${problem.message}.`);
    return 1;
  }
  console.log(`Hash chain: VALID. Hash of the last event: ${head}`);
  console.log('Compare that hash with the live system to detect events removed from the end.');
  console.log(
    'The chain covers the events and the model XML only. The sections instance, actors and ' +
      'approvals repeat the events for reading and are not covered: trust them only where they ' +
      'agree with the events.',
  );
  return checksumValid ? 0 : 1;
}

try {
  process.exitCode = main();
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
