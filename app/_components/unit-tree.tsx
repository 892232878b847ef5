import type { ReactNode } from "react";
import type { Unit } from "@/db/schema";
import { messages } from "@/server/i18n/zh-CN";

/** The unit tree (工委 → 机关党委 / 党总支 → 党支部), with an optional note beside each unit. */
export function UnitTree({ units, note }: { units: Unit[]; note?: (unit: Unit) => ReactNode }) {
  const children = new Map<number | null, Unit[]>();
  for (const u of units) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u]);
  const render = (parentId: number | null, depth: number): ReactNode => {
    const list = children.get(parentId);
    if (!list?.length) return null;
    return (
      <ul className={depth > 0 ? "ml-4 border-l border-slate-200 pl-3" : ""}>
        {list.map((u) => (
          <li key={u.id} className="py-1">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium text-slate-800">{u.name}</span>
              <span className="text-xs text-slate-500">{messages.unitKinds[u.kind]}</span>
              {note?.(u)}
            </div>
            {render(u.id, depth + 1)}
          </li>
        ))}
      </ul>
    );
  };
  return <div>{render(null, 0)}</div>;
}
