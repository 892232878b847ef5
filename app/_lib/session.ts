/**
 * Page and action guards. Every page, server action and route handler starts here; the
 * decisions themselves are the policy module's (server/domain/policies).
 */
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { loadActor, loadReportAccess, loadSessionAccount, type ActorProfile, type ReportAccess } from "@/server/commands/access";
import { isDomainError } from "@/server/domain/errors";
import { auth } from "@/app/auth";

/** The signed-in account, re-checked against the database (disabled, session version). */
export const getActor = cache(async (): Promise<ActorProfile | null> => {
  const session = await auth();
  if (!session?.uid || session.sv === undefined) return null;
  return loadActor(getDb(), { userId: session.uid, sessionVersion: session.sv });
});

/** The session's account with its standing; only the change-password page and action use it. */
export const getSessionAccount = cache(async () => {
  const session = await auth();
  if (!session?.uid || session.sv === undefined) return null;
  return loadSessionAccount(getDb(), { userId: session.uid, sessionVersion: session.sv });
});

/** Signed in and allowed to act; a first password still to be changed goes to /change-password first. */
export async function requireActor(): Promise<ActorProfile> {
  const actor = await getActor();
  if (actor) return actor;
  if ((await getSessionAccount())?.standing === "mustChangePassword") redirect("/change-password");
  redirect("/login");
}

export async function requireAdmin(): Promise<ActorProfile> {
  const actor = await requireActor();
  if (!actor.isAdmin) forbidden();
  return actor;
}

export function parseId(raw: string): number {
  return /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
}

/** The actor's standing in a report; 404 when the report is not theirs (never 403: ids reveal nothing). */
export const requireReportAccess = cache(async (rawReportId: string): Promise<ReportAccess & { profile: ActorProfile }> => {
  const actor = await requireActor();
  try {
    return { ...loadReportAccess(getDb(), actor, parseId(rawReportId)), profile: actor };
  } catch (error) {
    if (isDomainError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});
