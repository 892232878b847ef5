import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { textOf, type DocumentNode } from "../commands/document-gateway";
import { DocumentService, DOCUMENT_FRAGMENT } from "./document-service";
import { cookieFor, createTestDb, docFromDatabase, startServer, synced, waitUntil, yClient, type TestDb, type TestServer } from "./testing/fixtures";

let t: TestDb;
let server: TestServer;
let service: DocumentService;

beforeEach(async () => {
  t = createTestDb();
  server = await startServer(t.db);
  service = new DocumentService(t.db, server.collab);
});
afterEach(async () => {
  await server.close();
  t.cleanup();
});

const headings = (node: DocumentNode) => (node.content ?? []).filter((n) => n.type === "heading").map(textOf);
const blocks = [
  { type: "heading", level: 1, text: "调研报告" },
  { type: "heading", level: 2, text: "三、对策及建议", id: "sec-3" },
  { type: "paragraph", text: "第一段。" },
] as const;

describe("document service", () => {
  it("replaces a closed document's content with one logged update", async () => {
    await service.replaceContent(t.seed.documentId, blocks, t.seed.users.drafterA);
    const read = await service.read(t.seed.documentId);
    expect(headings(read)).toEqual(["调研报告", "三、对策及建议"]);
    expect(read.content?.[1]).toMatchObject({ type: "heading", attrs: { level: 2, id: "sec-3" } });
    const stored = docFromDatabase(t.db, t.seed.documentId);
    expect(stored.getXmlFragment(DOCUMENT_FRAGMENT).length).toBe(3);
  });

  it("changes an open document through its room: every editor sees it and it is stored", async () => {
    const client = yClient(server, t.seed.documentId, await cookieFor(t.seed.users.drafterA));
    try {
      await synced(client);
      client.doc.getXmlFragment(DOCUMENT_FRAGMENT).insert(0, [new Y.XmlElement("paragraph")]);
      await waitUntil(() => (server.collab.rooms.get(t.seed.documentId)?.compactableDoc()?.getXmlFragment(DOCUMENT_FRAGMENT).length ?? 0) === 1);
      await service.replaceContent(t.seed.documentId, blocks, t.seed.users.drafterB);
      await waitUntil(() => client.doc.getXmlFragment(DOCUMENT_FRAGMENT).length === 3, 5000, "client sees the import");
      expect(docFromDatabase(t.db, t.seed.documentId).getXmlFragment(DOCUMENT_FRAGMENT).length).toBe(3);
      expect(headings(await service.read(t.seed.documentId))).toEqual(["调研报告", "三、对策及建议"]);
    } finally {
      client.destroy();
    }
  });

  it("answers NOT_FOUND for a document that does not exist", async () => {
    await expect(service.read(999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(service.replaceContent(999_999, blocks, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
