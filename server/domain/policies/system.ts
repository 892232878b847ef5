import type { Actor } from "./actor";

export const systemAbilities = ["manageUsers", "manageUnits", "createReports", "viewAllReports"] as const;
export type SystemAbility = (typeof systemAbilities)[number];

/** Administration of the whole installation belongs to the system administrator alone. */
export function systemAbilitiesOf(actor: Actor): Record<SystemAbility, boolean> {
  return {
    manageUsers: actor.isAdmin,
    manageUnits: actor.isAdmin,
    createReports: actor.isAdmin,
    viewAllReports: actor.isAdmin,
  };
}
