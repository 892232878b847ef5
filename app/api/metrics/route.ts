/**
 * Prometheus metrics. Readable from the machine itself, or with `Authorization: Bearer
 * $METRICS_TOKEN` when a token is configured; everyone else gets 404.
 */
import { timingSafeEqual } from "node:crypto";
import { databaseWritable } from "@/app/_lib/database-health";
import { getDb } from "@/db/client";
import { prometheusText, runtimeStatus } from "@/server/commands/runtime-status";
import { deliveryMetricsText } from "@/server/notifications/metrics";

export const dynamic = "force-dynamic";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function allowed(request: Request): boolean {
  const token = process.env.METRICS_TOKEN;
  const given = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
  if (token && given.length === token.length && timingSafeEqual(Buffer.from(given), Buffer.from(token))) return true;
  // A reverse proxy on this machine connects from loopback too: every hop it names must be local.
  const hops = (request.headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim()).filter(Boolean);
  return LOOPBACK.has(request.headers.get("x-jianyan-client-ip") ?? "") && hops.every((h) => LOOPBACK.has(h));
}

export function GET(request: Request) {
  if (!allowed(request)) return new Response("Not Found", { status: 404 });
  const up = databaseWritable();
  let deliveries = "";
  try {
    if (up) deliveries = deliveryMetricsText(getDb());
  } catch {
    // The outbox figures are extra: a failing read leaves them out rather than the whole answer.
  }
  return new Response(prometheusText(runtimeStatus(), { databaseUp: up }) + deliveries, {
    headers: { "Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store" },
  });
}
