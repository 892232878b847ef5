/**
 * Export files built inside a worker thread (worker task `exportFile`, decision 043). The adoption
 * ledger is read here too, on a read-only connection of this thread, so neither the query of
 * 10,000 rows nor a copy of them runs on the server's event loop; the route handler sends the
 * question (who asks, which filters) and the live document, which only the main thread has. The
 * file goes back as bytes, handed over, not copied.
 */
import { openReadOnlySqlite, wrap, type Db } from "../../db/client";
import type { DocumentNode } from "../commands/document-gateway";
import type { Actor } from "../domain/policies";
import type { Ledger } from "./ledger";
import type { Table } from "./table-xlsx";

/** The ledger's rows as the ledger query would answer `actor` with the filters `input`. */
export type LedgerQuery = { database: string; actor: Actor; input: unknown; document: DocumentNode | null };
/** The ledger as data, or the question that reads it here. */
export type LedgerSource = { ledger: Ledger; filterNote?: string } | { query: LedgerQuery };

export type ExportJob =
  | { kind: "ledgerDocx"; source: LedgerSource; reportTitle: string; date?: Date }
  | { kind: "ledgerXlsx"; source: LedgerSource; reportTitle: string }
  | { kind: "reportDocx"; content: DocumentNode; title: string; ledger?: { source: LedgerSource; reportTitle: string; date?: Date } }
  | { kind: "reportMarkdown"; content: DocumentNode; title: string; ledger?: LedgerSource }
  | { kind: "tableXlsx"; table: Table; sheetName: string };

/** One read-only connection per database file for the life of the (warm) worker. */
const connections = new Map<string, Db>();

async function resolveLedger(source: LedgerSource): Promise<{ ledger: Ledger; filterNote?: string }> {
  if ("ledger" in source) return source;
  const { database, actor, input, document } = source.query;
  let db = connections.get(database);
  if (!db) connections.set(database, (db = wrap(openReadOnlySqlite(database))));
  const { loadLedger } = await import("./ledger-query");
  const { ledger, filterNote } = await loadLedger(db, actor, input, async () => {
    if (!document) throw new Error("the document could not be read");
    return document;
  });
  return { ledger, filterNote };
}

/** The bytes of one file, in an ArrayBuffer of their own (so it can be transferred). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/** Loads only the writer the job needs (docx or exceljs, each a large library). */
export async function buildExport(job: ExportJob): Promise<Uint8Array> {
  switch (job.kind) {
    case "ledgerDocx": {
      const { ledger, filterNote } = await resolveLedger(job.source);
      const { ledgerDocx } = await import("./ledger-docx");
      return own(await ledgerDocx(ledger, { reportTitle: job.reportTitle, filterNote, date: job.date }));
    }
    case "ledgerXlsx": {
      const { ledger } = await resolveLedger(job.source);
      const { ledgerXlsx } = await import("./ledger-xlsx");
      return own(await ledgerXlsx(ledger, { reportTitle: job.reportTitle }));
    }
    case "reportDocx": {
      const ledger = job.ledger && { ...job.ledger, ledger: (await resolveLedger(job.ledger.source)).ledger };
      const { reportDocx } = await import("./report-docx");
      return own(await reportDocx(job.content, { title: job.title, ledger }));
    }
    case "reportMarkdown": {
      const ledger = job.ledger && (await resolveLedger(job.ledger)).ledger;
      const { reportMarkdown } = await import("./report-markdown");
      return new TextEncoder().encode(reportMarkdown(job.content, { title: job.title, ledger }));
    }
    case "tableXlsx": {
      const { tableXlsx } = await import("./table-xlsx");
      return own(await tableXlsx(job.table, job.sheetName));
    }
  }
}
