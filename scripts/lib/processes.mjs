// Bookkeeping for scripts that start servers and browsers: every process group they start and every temp
// folder they make is undone on a normal end, on an error, on Ctrl+C / SIGTERM and when a deadline passes,
// so neither a CI run nor a developer's terminal is left with a code-server or a Chromium behind it.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Undo steps, run last-in first-out (a browser closes before the server it talks to stops). */
const cleanups = [];
/** What must go even when there is no time for the async steps (process 'exit', a second Ctrl+C). */
const groups = new Set();
const tempDirs = new Set();

/** Aborts when the script starts stopping (signal, deadline, error), so running work can wind down quietly. */
const stopping = new AbortController();
export const stopSignal = stopping.signal;

export function onCleanup(step) {
  cleanups.push(step);
}

export async function cleanUp() {
  while (cleanups.length > 0) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (error) {
      console.error(`cleanup: ${error instanceof Error ? error.message : error}`);
    }
  }
  cleanUpNow();
}

/** Synchronous last resort: SIGKILL every group still tracked, remove every temp folder still there. */
function cleanUpNow() {
  for (const pgid of groups) signalGroup(pgid, 'SIGKILL');
  groups.clear();
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function makeTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  onCleanup(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    tempDirs.delete(dir);
  });
  return dir;
}

/**
 * Spawns a command as the leader of its own process group (setsid), so that it and everything it forks
 * (code-server's extension host, file watcher, pty host; npm's node-gyp) can be ended with one signal.
 */
export function spawnGroup(command, args, { graceMs = 5_000, ...options } = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pgid = child.pid;
  groups.add(pgid);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // `graceMs`: how long the group gets after SIGTERM before SIGKILL (a child that cleans up needs longer).
  child.stopGroup = async () => {
    await stopGroup(pgid, graceMs);
    groups.delete(pgid);
  };
  onCleanup(() => child.stopGroup());
  return child;
}

function signalGroup(pgid, signal) {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

/** SIGTERM the group, give it `graceMs` to go, then SIGKILL whatever is left. */
async function stopGroup(pgid, graceMs) {
  if (!signalGroup(pgid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    if (!signalGroup(pgid, 0)) return;
  }
  signalGroup(pgid, 'SIGKILL');
}

/** A failure with a message a person can act on; printed without a stack trace. */
export class HarnessError extends Error {}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Rejects with `message` (a string, or a function called at the timeout for output gathered meanwhile)
 * when `promise` has not settled within `ms`; never leaves a timer behind.
 */
export async function withTimeout(promise, ms, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new HarnessError(typeof message === 'function' ? message() : message)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Keeps the last `limit` characters of a stream: enough to explain a failed start without flooding the log. */
export function tailOf(stream, limit = 4_000) {
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    text = (text + chunk).slice(-limit);
  });
  return () => text;
}

/**
 * Runs a script's main() under one overall deadline, with Ctrl+C / SIGTERM / errors all ending in the same
 * cleanup. main() resolves to the exit code. A second Ctrl+C skips the polite steps and kills at once.
 */
export function runMain(main, { name, deadlineMs }) {
  const finish = async (code, message) => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    if (message) console.error(`\n${name}: ${message}`);
    const forceExit = setTimeout(() => {
      console.error(`${name}: cleanup took too long; killing what is left`);
      cleanUpNow();
      process.exit(code || 1);
    }, 20_000);
    await cleanUp();
    clearTimeout(forceExit);
    process.exit(code);
  };

  process.on('exit', cleanUpNow);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      if (stopping.signal.aborted) {
        cleanUpNow();
        process.exit(code);
      }
      void finish(code, `${signal} received; stopping everything this script started`);
    });
  }
  const deadline = setTimeout(
    () => void finish(1, `gave up after ${Math.round(deadlineMs / 1000)} s (the overall deadline); something hangs — see the output above`),
    deadlineMs,
  );
  deadline.unref();

  main().then(
    (code) => finish(code ?? 0),
    (error) => finish(1, error instanceof HarnessError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}
