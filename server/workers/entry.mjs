/**
 * A worker thread's first module (see run-in-worker.ts): registers tsx so that the TypeScript
 * sources load the same way in the server, in tests and in scripts, then runs each job posted to
 * it — `{ task, input }`, one at a time — and posts its answer. A DomainError travels as plain
 * data; anything else as a message.
 */
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { runTask } = await import("./tasks.ts");

parentPort.on("message", async ({ task, input }) => {
  try {
    const { value, transfer } = await runTask(task, input);
    parentPort.postMessage({ ok: true, value }, transfer ?? []);
  } catch (error) {
    if (error instanceof Error && error.name === "DomainError" && "code" in error) {
      const { code, message, rule, fieldErrors } = error;
      parentPort.postMessage({ ok: false, domain: { code, message, rule, fieldErrors } });
    } else {
      parentPort.postMessage({ ok: false, failure: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
  }
});
