import type { ReportRole, ReportVisibility } from "../roles";

/** Who is acting: the signed-in account, as the session and the database confirm it. */
export type Actor = { userId: number; isAdmin: boolean };

/** The actor as seen inside one report: the role held there and, for submitters, the unit. */
export type ReportActor = Actor & { reportId: number; role: ReportRole | null; unitId: number | null };

export type ReportContext = { reportId: number; visibility: ReportVisibility };

/** Resolves the role an actor holds in a report: the system administrator is `admin` everywhere. */
export function reportActorOf(
  actor: Actor,
  reportId: number,
  membership: { role: Exclude<ReportRole, "admin">; unitId: number | null } | null,
): ReportActor {
  if (actor.isAdmin) return { ...actor, reportId, role: "admin", unitId: null };
  return { ...actor, reportId, role: membership?.role ?? null, unitId: membership?.unitId ?? null };
}
