/**
 * Cross-site request refusal for state-changing route handlers (server actions get the same check
 * from Next itself: their Origin must match the Host). A browser marks a cross-site request with
 * `Sec-Fetch-Site` and names the page that sent it in `Origin`; either one naming another site is
 * enough to refuse. Requests with neither (scripts, curl) carry no ambient credentials a site could
 * abuse and pass. The host compared is the one the client addressed (`X-Forwarded-Host` behind a
 * reverse proxy, as Next compares it for actions).
 */
export function isCrossSiteRequest(headers: Headers): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0].trim().toLowerCase();
  try {
    return origin === "null" || !host || new URL(origin).host.toLowerCase() !== host;
  } catch {
    return true;
  }
}
