import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./request-origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("isCrossSiteRequest", () => {
  it("passes the app's own pages and clients that send no browser headers", () => {
    expect(isCrossSiteRequest(h({ host: "jianyan.example:3000", origin: "http://jianyan.example:3000", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteRequest(h({ host: "localhost:3000" }))).toBe(false);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", "sec-fetch-site": "none" }))).toBe(false);
    // Behind a proxy the browser addressed the public host.
    expect(isCrossSiteRequest(h({ host: "127.0.0.1:3000", "x-forwarded-host": "jianyan.example", origin: "https://jianyan.example" }))).toBe(false);
  });

  it("refuses another site by Origin, by Sec-Fetch-Site, or an opaque origin", () => {
    expect(isCrossSiteRequest(h({ host: "localhost:3000", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", "sec-fetch-site": "cross-site" }))).toBe(true);
    // A sibling subdomain is same-site for cookies, but not the same origin.
    expect(isCrossSiteRequest(h({ host: "jianyan.example.gov.cn", origin: "https://blog.example.gov.cn", "sec-fetch-site": "same-site" }))).toBe(true);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", origin: "http://localhost:3001" }))).toBe(true);
    expect(isCrossSiteRequest(h({ host: "localhost:3000", origin: "not a url" }))).toBe(true);
  });
});
