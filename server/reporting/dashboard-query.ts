/** Use case behind the dashboard: authorize (`listSuggestions`), count within the viewer's scope. */
import type { DbOrTx } from "../../db/client";
import { countByFinding, loadDashboardRows } from "../../db/queries/ledger";
import { loadReportAccess, type ReportAccess } from "../commands/access";
import { authorize, suggestionScopeFor, type Actor } from "../domain/policies";
import { buildDashboard, type Dashboard } from "./dashboard";

export function loadDashboard(db: DbOrTx, actor: Actor, reportId: number): { access: ReportAccess; dashboard: Dashboard } {
  const access = loadReportAccess(db, actor, reportId);
  authorize({ on: "report", actor: access.actor, ability: "listSuggestions" });
  const scope = suggestionScopeFor(access.actor, access.context);
  return { access, dashboard: buildDashboard(loadDashboardRows(db, reportId, scope), countByFinding(db, reportId, scope)) };
}
