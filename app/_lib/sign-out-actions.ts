"use server";

import { getDb } from "@/db/client";
import { signOut } from "@/app/auth";
import { signOutEverywhere } from "@/server/commands/accounts";
import { getActor } from "./session";

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}

/** Revokes every session of this account (all devices), then this one. */
export async function signOutEverywhereAction(): Promise<void> {
  const actor = await getActor();
  if (actor) signOutEverywhere(getDb(), actor, actor.userId);
  await signOut({ redirectTo: "/login" });
}
