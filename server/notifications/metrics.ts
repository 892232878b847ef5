/** Outbox figures for /api/metrics (Prometheus text). */
import type { DbOrTx } from "../../db/client";
import { deliveryCounts, deliveryFailedTries } from "../../db/queries/deliveries";
import { deliveryChannels, deliveryStatuses } from "../domain/deliveries";

export function deliveryMetricsText(db: DbOrTx): string {
  const counts = deliveryCounts(db);
  const lines = [
    "# HELP jianyan_deliveries Deliveries in the outbox by channel and status (pending, sent, failed after the last try).",
    "# TYPE jianyan_deliveries gauge",
  ];
  for (const channel of deliveryChannels)
    for (const status of deliveryStatuses)
      lines.push(`jianyan_deliveries{channel="${channel}",status="${status}"} ${counts.find((c) => c.channel === channel && c.status === status)?.n ?? 0}`);
  lines.push(
    "# HELP jianyan_delivery_failed_attempts_total Failed tries of deliveries so far.",
    "# TYPE jianyan_delivery_failed_attempts_total counter",
    `jianyan_delivery_failed_attempts_total ${deliveryFailedTries(db)}`,
  );
  return `${lines.join("\n")}\n`;
}
