import type { ReportRole, ReportVisibility } from "../roles";

/** Who is acting: the signed-in account, as the session and the database confirm it. */
export type Actor = { userId: number; isAdmin: boolean };

/**
 * The server itself, when the document decides a change (incorporation, a reference moving to
 * another section). There is one, never a signed-in person: its events and audit rows carry no
 * actor id, and the UI names it 系统.
 */
export const systemActor = { kind: "system" } as const;
export type SystemActor = typeof systemActor;

/** Who changes a suggestion: a signed-in person, or the server itself. */
export type ChangeActor = Actor | SystemActor;

export function isSystemActor(actor: ChangeActor): actor is SystemActor {
  return "kind" in actor && actor.kind === "system";
}

/** The user id an event, a notification or an audit row records for the actor; null for the server. */
export function actorIdOf(actor: ChangeActor): number | null {
  return isSystemActor(actor) ? null : actor.userId;
}

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
