/**
 * Watches browser pages for a payload that ran, three ways: a dialog (alert / confirm / prompt),
 * `window.__xss` set, or a request to any host other than the app's (these are aborted). It also
 * looks for payload markup that became live DOM (an `on*` attribute, a `javascript:` / `data:text/html`
 * URL, a frame, a meta refresh, a foreign source), which would run in a browser without CSP.
 *
 * Pages are opened with `bypassCSP: true`: the Content-Security-Policy is a second line of defence,
 * the check is that the app never turns text into markup in the first place.
 */
import type { Browser, BrowserContext, Page, Request } from "@playwright/test";
import { DEMO_PASSWORD } from "../fixtures";

export type Trace = { kind: "dialog" | "window.__xss" | "foreign request" | "popup" | "live markup"; detail: string; where: string };

export class XssGuard {
  /** Executions: dialogs, window.__xss, foreign requests, popups. */
  readonly executed: Trace[] = [];
  /** Payload markup found live in the DOM (would run without CSP, or on a click). */
  readonly markup: Trace[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(readonly origin: string) {}

  private readonly signedIn = new Map<string, Page>();

  /** A signed-in page, watched (one per account for the whole file: signing in is slow). */
  async pageAs(browser: Browser, username: string): Promise<Page> {
    const existing = this.signedIn.get(username);
    if (existing && !existing.isClosed()) return existing;
    const page = await this.signIn(browser, username);
    this.signedIn.set(username, page);
    return page;
  }

  /** A fresh watched context, not signed in. */
  async anonymousPage(browser: Browser): Promise<Page> {
    const context = await browser.newContext({ baseURL: this.origin, bypassCSP: true, locale: "zh-CN", acceptDownloads: true });
    this.contexts.push(context);
    await this.watchContext(context);
    return context.newPage();
  }

  private async signIn(browser: Browser, username: string): Promise<Page> {
    const context = await browser.newContext({ baseURL: this.origin, bypassCSP: true, locale: "zh-CN", acceptDownloads: true });
    this.contexts.push(context);
    await this.watchContext(context);
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(/\/reports$/);
    return page;
  }

  async watchContext(context: BrowserContext): Promise<void> {
    // Foreign requests are recorded (below) and aborted: nothing leaves the machine.
    await context.route(
      (url) => (url.protocol === "http:" || url.protocol === "https:" || url.protocol === "ws:" || url.protocol === "wss:") && !this.isOwn(url),
      (route) => route.abort(),
    );
    context.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol !== "data:" && url.protocol !== "blob:" && url.protocol !== "about:" && !this.isOwn(url))
        this.executed.push({ kind: "foreign request", detail: request.url(), where: pageUrlOf(request) });
    });
    const watch = (page: Page) => {
      page.on("dialog", (dialog) => {
        this.executed.push({ kind: "dialog", detail: `${dialog.type()}(${dialog.message()})`, where: page.url() });
        void dialog.dismiss().catch(() => {});
      });
      // A window opened on the app itself (a sanitised link with target=_blank) is not a payload;
      // one on a script, data or foreign URL is. Scripts running in it still show as dialogs.
      page.on("popup", (popup) => {
        void popup
          .waitForLoadState("load")
          .catch(() => {})
          .then(() => {
            const url = popup.url();
            if (!url.startsWith(this.origin) && url !== "about:blank") this.executed.push({ kind: "popup", detail: url, where: page.url() });
            return popup.close();
          })
          .catch(() => {});
      });
    };
    context.on("page", watch);
    for (const page of context.pages()) watch(page);
  }

  private isOwn(url: URL): boolean {
    const own = new URL(this.origin);
    return url.port === own.port && (url.hostname === own.hostname || url.hostname === "127.0.0.1" || url.hostname === "localhost");
  }

  /** Reads window.__xss and scans the DOM of `page` (and its frames) for live payload markup. */
  async inspect(page: Page, place: string): Promise<void> {
    for (const frame of page.frames()) {
      let found: { xss: unknown; markup: string[] };
      try {
        found = await frame.evaluate(scanDom);
      } catch {
        continue; // a frame that went away
      }
      if (found.xss !== undefined) this.executed.push({ kind: "window.__xss", detail: String(found.xss), where: `${place} (${page.url()})` });
      for (const m of found.markup) this.markup.push({ kind: "live markup", detail: m, where: `${place} (${page.url()})` });
    }
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
  }

  summary(): string {
    return [...this.executed, ...this.markup].map((t) => `${t.kind}: ${t.detail} — at ${t.where}`).join("\n");
  }
}

function pageUrlOf(request: Request): string {
  try {
    return request.frame().page().url();
  } catch {
    return "(a worker)";
  }
}

/** Runs in the page. */
function scanDom(): { xss: unknown; markup: string[] } {
  const markup: string[] = [];
  const urlAttributes = new Set(["href", "src", "action", "formaction", "xlink:href", "data", "background", "poster", "codebase"]);
  // A URL attribute is dangerous when it runs script or loads from another host (payload markup);
  // a same-origin link whose query string carries a payload (an export link keeping the filters) is not.
  const dangerousUrl = (value: string) => {
    // eslint-disable-next-line no-control-regex
    const v = value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
    if (v.startsWith("javascript:") || v.startsWith("vbscript:") || v.startsWith("data:text/html")) return true;
    try {
      const url = new URL(value, location.href);
      return (url.protocol === "http:" || url.protocol === "https:") && url.host !== location.host;
    } catch {
      return false;
    }
  };
  const dangerousStyle = (value: string) => /url\(\s*['"]?\s*(?:javascript|vbscript|https?:\/\/(?!localhost)|\/\/)|expression\(/i.test(value);
  const describe = (el: Element) => el.outerHTML.slice(0, 160);
  for (const el of Array.from(document.querySelectorAll("*"))) {
    const tag = el.tagName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) markup.push(`${name} on <${tag}>: ${describe(el)}`);
      else if (name === "srcdoc") markup.push(`srcdoc on <${tag}>: ${describe(el)}`);
      else if (urlAttributes.has(name) && dangerousUrl(attr.value)) markup.push(`${name}="${attr.value.slice(0, 80)}" on <${tag}>`);
      else if (name === "srcset" && attr.value.includes("xss.invalid")) markup.push(`srcset="${attr.value.slice(0, 80)}" on <${tag}>`);
      else if (name === "style" && dangerousStyle(attr.value)) markup.push(`style="${attr.value.slice(0, 80)}" on <${tag}>`);
    }
    if (["iframe", "frame", "object", "embed", "base", "applet"].includes(tag)) markup.push(`<${tag}>: ${describe(el)}`);
    if (tag === "meta" && el.getAttribute("http-equiv")) markup.push(`<meta http-equiv>: ${describe(el)}`);
    if (tag === "script" && /^\s*(alert|confirm|prompt|window\.__xss|parent\.__xss|new Image)/.test(el.textContent ?? "")) markup.push(`<script>: ${describe(el)}`);
    if (tag === "style" && (el.textContent ?? "").includes("xss.invalid")) markup.push(`<style>: ${describe(el)}`);
  }
  return { xss: (window as unknown as { __xss?: unknown }).__xss, markup };
}
