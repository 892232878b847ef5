/** Health check for load balancers and monitors: 200 when the database is writable, 503 otherwise or while stopping. */
import { databaseWritable } from "@/app/_lib/database-health";
import { healthReport, runtimeStatus } from "@/server/commands/runtime-status";

export const dynamic = "force-dynamic";

export function GET() {
  const report = healthReport(runtimeStatus(), databaseWritable());
  return Response.json(report.body, { status: report.httpStatus, headers: { "Cache-Control": "no-store" } });
}
