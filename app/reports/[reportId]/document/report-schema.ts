/**
 * The report text's schema as the editor builds it: headings 1–3 with stable ids, tables, and
 * StarterKit without its own history (Yjs keeps the undo stack). Every editor of the report (and
 * the editor benchmark's floor, and the tests of what reads the text) starts from this list, so
 * they cannot drift apart; the live editor adds its tools and the Yjs binding after it.
 */
import type { Extensions } from "@tiptap/core";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import UniqueID from "@tiptap/extension-unique-id";
import StarterKit from "@tiptap/starter-kit";

export function reportSchemaExtensions(): Extensions {
  return [
    StarterKit.configure({ undoRedo: false, heading: { levels: [1, 2, 3] } }),
    UniqueID.configure({ types: ["heading"], attributeName: "id" }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
  ];
}
