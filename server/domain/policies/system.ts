import type { Actor } from "./actor";

export const systemAbilities = [
  "manageUsers",
  "manageUnits",
  "createReports",
  "viewAllReports",
  /** Import the unit tree and liaison accounts from one file (ADR 075). */
  "onboardInBulk",
  /** Choose one's own e-mail notifications (ADR 070). */
  "manageOwnNotifications",
] as const;
export type SystemAbility = (typeof systemAbilities)[number];

/**
 * Administration of the whole installation belongs to the system administrator alone; every
 * signed-in person chooses how their own notifications reach them (address, e-mail mode).
 */
export function systemAbilitiesOf(actor: Actor): Record<SystemAbility, boolean> {
  return {
    manageUsers: actor.isAdmin,
    manageUnits: actor.isAdmin,
    createReports: actor.isAdmin,
    viewAllReports: actor.isAdmin,
    manageOwnNotifications: true,
    onboardInBulk: actor.isAdmin,
  };
}
