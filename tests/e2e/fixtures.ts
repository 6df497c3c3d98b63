// The shared fixture every end-to-end test uses. It proves the product's
// promise on every workflow: no request, WebSocket or beacon leaves the page's
// own origin, and no Content-Security-Policy violation happens. A test that
// imports `test` from here cannot opt out.
import { test as base, expect, type BrowserContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export type Leak = { kind: string; url: string };

/** Records everything a context sends that is not same-origin (and aborts it). */
export async function watchOrigin(context: BrowserContext, origin: string): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const offOrigin = (url: string) => {
    if (url.startsWith("data:") || url.startsWith("blob:") || url === "about:blank") return false;
    try {
      return new URL(url).origin !== origin;
    } catch {
      return true;
    }
  };
  context.on("request", (r) => {
    if (offOrigin(r.url())) leaks.push({ kind: r.resourceType(), url: r.url() });
  });
  // Abort anything off-origin so a leak can never complete, even in a test.
  await context.route(
    (url) => offOrigin(url.href),
    (route) => route.abort("blockedbyclient"),
  );
  const watchPage = (page: Page) =>
    page.on("websocket", (ws) => leaks.push({ kind: "websocket", url: ws.url() }));
  context.pages().forEach(watchPage);
  context.on("page", watchPage);
  // A same-origin service worker is allowed (the app's own, tests/e2e/offline.spec.ts);
  // what it requests reaches the "request" event above like the page's own
  // requests (Playwright reports service workers' network in Chromium), so
  // its off-origin requests are caught too (privacy.spec.ts proves it).
  context.on("serviceworker", (w) => {
    if (offOrigin(w.url())) leaks.push({ kind: "service-worker", url: w.url() });
  });
  return leaks;
}

/** Collects Content-Security-Policy violations in the page. */
export const CSP_WATCH = `
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
  });
`;

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations ?? []);
}

/** Serious or critical accessibility violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export const test = base.extend<{ leaks: Leak[] }>({
  leaks: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const leaks = await watchOrigin(context, origin);
      await context.addInitScript(CSP_WATCH);
      await use(leaks);
      // Every page of the context, checked after the test's own steps.
      for (const page of context.pages()) {
        if (page.isClosed()) continue;
        expect(await cspViolations(page), "Content-Security-Policy violations").toEqual([]);
      }
      expect(leaks, "requests that left the page's origin").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the app and waits until it is live (the matrix is in the page as
 * served; the shell takes it over when its module has started). */
export async function openApp(page: Page, path = "./") {
  await page.goto(path);
  await live(page);
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
}

/** Waits until the shell has taken over the page as served (after a
 * `goto` or a `reload`): clicks before that reach the static page only. */
export async function live(page: Page) {
  await expect(page.locator("#app[data-live]")).toHaveCount(1);
}
