/** A stored version of the document rendered read-only (as text nodes: nothing is parsed as HTML). */
import type { ReactNode } from "react";
import type { DocumentNode } from "@/server/commands/document-gateway";
import { SUGGESTION_REF_NODE } from "@/server/domain/document-sections";

function inline(node: DocumentNode, key: number): ReactNode {
  if (node.type === "hardBreak") return <br key={key} />;
  // A reference to a suggestion reads as in the editor (#JY-0008), so a version shows what it cites.
  if (node.type === SUGGESTION_REF_NODE) {
    const code = typeof node.attrs?.code === "string" ? node.attrs.code : "";
    return code ? (
      <span key={key} data-testid="version-reference" className="rounded bg-blue-50 px-1 text-blue-800">
        #{code}
      </span>
    ) : null;
  }
  if (node.text === undefined) return <span key={key}>{(node.content ?? []).map(inline)}</span>;
  let out: ReactNode = node.text;
  for (const mark of node.marks ?? []) {
    if (mark.type === "bold") out = <strong>{out}</strong>;
    else if (mark.type === "italic") out = <em>{out}</em>;
    else if (mark.type === "strike") out = <s>{out}</s>;
    else if (mark.type === "code") out = <code>{out}</code>;
  }
  return <span key={key}>{out}</span>;
}

function block(node: DocumentNode, key: number): ReactNode {
  const children = node.content ?? [];
  switch (node.type) {
    case "heading": {
      const level = Number(node.attrs?.level) || 1;
      const Tag = (level === 1 ? "h1" : level === 2 ? "h2" : "h3") as "h1" | "h2" | "h3";
      return <Tag key={key}>{children.map(inline)}</Tag>;
    }
    case "paragraph":
      return <p key={key}>{children.map(inline)}</p>;
    case "bulletList":
      return <ul key={key} className="list-disc pl-6">{children.map(block)}</ul>;
    case "orderedList":
      return <ol key={key} className="list-decimal pl-6">{children.map(block)}</ol>;
    case "listItem":
      return <li key={key}>{children.map(block)}</li>;
    case "blockquote":
      return <blockquote key={key} className="border-l-4 border-slate-300 pl-3">{children.map(block)}</blockquote>;
    case "table":
      return (
        <table key={key} className="border-collapse">
          <tbody>{children.map(block)}</tbody>
        </table>
      );
    case "tableRow":
      return <tr key={key}>{children.map(block)}</tr>;
    case "tableHeader":
    case "tableCell":
      return (
        <td key={key} className="border border-slate-300 px-2 py-1">
          {children.map(block)}
        </td>
      );
    case "horizontalRule":
      return <hr key={key} />;
    default:
      return children.length ? <div key={key}>{children.map((c, i) => (c.text !== undefined ? inline(c, i) : block(c, i)))}</div> : null;
  }
}

export function VersionContent({ doc }: { doc: DocumentNode }) {
  return (
    <div data-testid="version-content" className="jianyan-prose rounded-lg border border-slate-200 bg-white px-4 py-4 sm:px-8">
      {(doc.content ?? []).map(block)}
    </div>
  );
}
