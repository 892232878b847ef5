/** Health check for load balancers and monitors: 200 when the database is writable, 503 otherwise. */
import { databaseWritable } from "@/app/_lib/database-health";
import { runtimeStatus } from "@/server/commands/runtime-status";

export const dynamic = "force-dynamic";

export function GET() {
  const database = databaseWritable();
  const collab = runtimeStatus()?.collab();
  return Response.json(
    { status: database ? "ok" : "degraded", database: database ? "writable" : "unavailable", rooms: collab?.rooms ?? null, connections: collab?.connections ?? null },
    { status: database ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
