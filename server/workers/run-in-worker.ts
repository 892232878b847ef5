/**
 * Heavy or untrusted work off the server's one event loop (decision 043): each job runs in a
 * worker thread with a heap limit and a deadline, and at most MAX_RUNNING jobs run at once.
 *
 * An upload gets a fresh worker, ended after its one job: a job that parsed a hostile file leaves
 * nothing behind. An export (the server's own data) may reuse a warm worker, as loading exceljs
 * alone takes a second or more. A job that runs past its deadline or out of memory is ended by
 * terminating its thread — the main thread never waits on it and never runs out of memory.
 *
 * The worker runs `entry.mjs`, which registers tsx and calls the named task of `tasks.ts`. Code
 * in the Next bundle (server actions, route handlers) cannot point at those files — the bundler
 * moves modules — so the server registers its runner on globalThis at start (as it does the
 * document gateway) and bundled code uses that one; tests, scripts and benchmarks, which run the
 * sources as they are, get a runner of their own.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { DomainError, type ErrorCode, type FieldErrors } from "../domain/errors";
import type { TaskInput, TaskName, TaskOutput } from "./tasks";

export type WorkerLimits = {
  /** Heap of the worker (V8 old generation), MB. Buffers outside the heap are bounded by the task. */
  memoryMb: number;
  /** Wall time from start to answer, worker start included, ms. */
  timeoutMs: number;
};

/** How a job that hit a limit is refused: the task family words it for the person who asked. */
export type LimitRefusals = {
  timeout: () => DomainError;
  memory: () => DomainError;
  busy: () => DomainError;
};

/** What the worker posts back: the value, or a DomainError as plain data. */
export type WorkerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; domain: { code: ErrorCode; message: string; rule?: string; fieldErrors?: FieldErrors } }
  | { ok: false; failure: string };

export interface WorkerRunner {
  /**
   * Runs one job. `reuse`: the job's input is the server's own data (an export), so its worker may
   * stay warm for the next such job; an upload always gets a fresh worker, ended after it.
   */
  run<N extends TaskName>(task: N, input: TaskInput<N>, limits: WorkerLimits, refusals: LimitRefusals, options?: { reuse?: boolean }): Promise<TaskOutput<N>>;
  /** Jobs running and waiting now (for tests and the status page). */
  load(): { running: number; waiting: number };
}

/** Two cores: two jobs at a time leave the event loop a core; more wait in line. */
export const MAX_RUNNING = 2;
/** Beyond this many waiting, a job is refused at once rather than queued for minutes. */
export const MAX_WAITING = 16;
/** A warm worker nobody asked for in this long is ended. */
const IDLE_MS = 60_000;

export function createWorkerRunner(entry: string, options: { maxRunning?: number; maxWaiting?: number } = {}): WorkerRunner {
  const maxRunning = options.maxRunning ?? MAX_RUNNING;
  const maxWaiting = options.maxWaiting ?? MAX_WAITING;
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    running--;
    const next = waiting.shift();
    if (next) {
      running++;
      next();
    }
  };

  const acquire = (refusals: LimitRefusals): Promise<void> => {
    if (running < maxRunning) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= maxWaiting) return Promise.reject(refusals.busy());
    return new Promise((resolve) => waiting.push(resolve));
  };

  /** Warm workers of trusted jobs, waiting for the next one (unref'd: they never keep the process up). */
  const idle: { worker: Worker; memoryMb: number; timer: NodeJS.Timeout; ended: () => void }[] = [];

  const start = (limits: WorkerLimits) =>
    new Worker(entry, {
      // The entry registers tsx itself: the same in `node --import tsx`, vitest and scripts.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.memoryMb / 8)) },
      stdout: false,
      stderr: false,
    });

  const take = (memoryMb: number): Worker | undefined => {
    const at = idle.findIndex((w) => w.memoryMb === memoryMb);
    if (at < 0) return undefined;
    const [slot] = idle.splice(at, 1);
    clearTimeout(slot.timer);
    slot.worker.off("exit", slot.ended);
    slot.worker.ref();
    return slot.worker;
  };

  const park = (worker: Worker, memoryMb: number) => {
    if (idle.length >= maxRunning) return void worker.terminate();
    worker.unref();
    // A warm worker that ends while it waits (killed from outside) is never handed a job.
    const slot = { worker, memoryMb, timer: setTimeout(() => drop(slot), IDLE_MS), ended: () => drop(slot) };
    slot.timer.unref();
    worker.once("exit", slot.ended);
    idle.push(slot);
  };

  const drop = (slot: (typeof idle)[number]) => {
    const at = idle.indexOf(slot);
    if (at >= 0) idle.splice(at, 1);
    void slot.worker.terminate();
  };

  /** One job on `worker`; `healthy` is false when the worker must not take another (it is being ended). */
  function runOn<T>(worker: Worker, task: string, input: unknown, limits: WorkerLimits, refusals: LimitRefusals): Promise<{ value: T; healthy: true }> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void, end: boolean) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (end) void worker.terminate();
        outcome();
      };
      const onMessage = (answer: WorkerAnswer<T>) => {
        if (answer.ok) return finish(() => resolve({ value: answer.value, healthy: true }), false);
        if ("domain" in answer) {
          const { code, message, rule, fieldErrors } = answer.domain;
          return finish(() => reject(new DomainError(code, message, { rule, fieldErrors })), false);
        }
        finish(() => reject(new Error(`worker task ${task} failed: ${answer.failure}`)), true);
      };
      const onError = (error: Error & { code?: string }) =>
        finish(() => reject(error.code === "ERR_WORKER_OUT_OF_MEMORY" || error instanceof RangeError ? refusals.memory() : error), true);
      // Ended without an answer: killed from outside, or out of memory outside the heap.
      const onExit = (code: number) => finish(() => reject(code === 0 ? new Error(`worker task ${task} ended without an answer`) : refusals.memory()), false);
      const timer = setTimeout(() => finish(() => reject(refusals.timeout()), true), limits.timeoutMs);
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ task, input });
    });
  }

  return {
    async run(task, input, limits, refusals, options = {}) {
      await acquire(refusals);
      const worker = (options.reuse && take(limits.memoryMb)) || start(limits);
      try {
        const { value } = await runOn<TaskOutput<typeof task>>(worker, task, input, limits, refusals);
        if (options.reuse) park(worker, limits.memoryMb);
        else void worker.terminate();
        return value;
      } catch (error) {
        // A refusal of the job's own (a DomainError it threw) leaves a sound worker; end it anyway:
        // a job that failed is not worth the risk of a worker in an unknown state.
        void worker.terminate();
        throw error;
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}

/** The worker entry beside this file, for code that runs from the sources (not from the Next bundle). */
export function sourceWorkerEntry(): string {
  return path.join(path.dirname(fileURLToPath(import.meta.url)), "entry.mjs");
}

const RUNNER_KEY = Symbol.for("jianyan.worker-runner");
type GlobalWithRunner = typeof globalThis & { [RUNNER_KEY]?: WorkerRunner };

export function registerWorkerRunner(runner: WorkerRunner | undefined): void {
  (globalThis as GlobalWithRunner)[RUNNER_KEY] = runner;
}

/** The server's runner; outside the server (tests, scripts) one made on first use from the sources. */
export function workerRunner(): WorkerRunner {
  const global = globalThis as GlobalWithRunner;
  global[RUNNER_KEY] ??= createWorkerRunner(sourceWorkerEntry());
  return global[RUNNER_KEY];
}
