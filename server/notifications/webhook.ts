/**
 * The webhook call: a JSON POST whose body is signed with the report's secret.
 *
 *   X-Jianyan-Timestamp: <milliseconds since 1970>
 *   X-Jianyan-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>
 *
 * A receiver recomputes the HMAC over the raw body and refuses an old timestamp (replays).
 * 钉钉 robots with 加签 check their own signature in the query string instead: for a URL on
 * dingtalk.com, `timestamp` and `sign` = base64(HMAC-SHA256(secret, timestamp + "\n" + secret))
 * are added as DingTalk documents. 企业微信 robots carry their key in the URL and ignore both.
 */
import { createHmac } from "node:crypto";

export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function dingTalkSignedUrl(url: string, secret: string, timestamp: string): string {
  const u = new URL(url);
  if (!secret || !/(^|\.)dingtalk\.com$/i.test(u.hostname)) return url;
  const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
  u.searchParams.set("timestamp", timestamp);
  u.searchParams.set("sign", sign);
  return u.toString();
}

export type WebhookSender = (url: string, secret: string, body: Record<string, unknown>, now: Date) => Promise<void>;

/** Sends with fetch; any answer but 2xx (or a robot's `errcode` other than 0) is a failed try. */
export function createWebhookSender(fetchImpl: typeof fetch = fetch, timeoutMs = 10_000): WebhookSender {
  return async (url, secret, body, now) => {
    const timestamp = String(now.getTime());
    const text = JSON.stringify(body);
    const response = await fetchImpl(dingTalkSignedUrl(url, secret, timestamp), {
      method: "POST",
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Jianyan-Webhook/1",
        "X-Jianyan-Timestamp": timestamp,
        ...(secret ? { "X-Jianyan-Signature": webhookSignature(secret, timestamp, text) } : {}),
      },
      body: text,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const answer = await response.text().catch(() => "");
    if (!response.ok) throw new Error(`HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ""}`);
    // Both robots answer 200 with {"errcode":…} and say what went wrong there.
    try {
      const parsed = JSON.parse(answer) as { errcode?: unknown; errmsg?: unknown };
      if (typeof parsed.errcode === "number" && parsed.errcode !== 0) throw new Error(`errcode ${parsed.errcode}: ${String(parsed.errmsg ?? "")}`);
    } catch (error) {
      if (error instanceof SyntaxError) return;
      throw error;
    }
  };
}
