/** Completing @mentions as the server reads them (findMentions: "@" then a name or username). */

export type Mentionable = { username: string; name: string };

/** The "@…" being typed right before the caret, or null. */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,20})$/.exec(before);
  if (!match) return null;
  return { start: caret - match[2].length - 1, query: match[2] };
}

/** Who matches a query: name or username containing it, names starting with it first; at most eight. */
export function mentionCandidates(people: Mentionable[], query: string): Mentionable[] {
  const q = query.toLowerCase();
  const hits = people.filter((p) => p.name.toLowerCase().includes(q) || p.username.toLowerCase().includes(q));
  const starts = (p: Mentionable) => (p.name.toLowerCase().startsWith(q) || p.username.toLowerCase().startsWith(q) ? 0 : 1);
  return hits.sort((a, b) => starts(a) - starts(b) || a.name.localeCompare(b.name, "zh-CN")).slice(0, 8);
}
