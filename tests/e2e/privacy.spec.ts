import { test as plain } from "@playwright/test";
import { test, expect, openApp, live, watchOrigin, CSP_WATCH, cspViolations } from "./fixtures";

test("the Content-Security-Policy is in force and the app works under it", async ({ page }) => {
  const response = await page.goto("./");
  await live(page);
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(meta).toContain("default-src 'none'");
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(meta).toContain("connect-src 'self'");
  expect(meta).toContain("base-uri 'none'");
  expect(meta).toContain("form-action 'none'");
  expect(meta).not.toContain("__CSP_SCRIPT_HASHES__");
  expect(meta).not.toContain("unsafe-inline");
  // The header a static host sends (from dist/_headers) adds frame-ancestors.
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain(meta!.match(/'sha256-[^']+'/)![0]);
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-content-type-options"]).toBe("nosniff");

  // An injected inline script is refused, and the refusal is reported.
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: number; __cspViolations: string[] };
    const s = document.createElement("script");
    s.textContent = "window.__injected = 1";
    document.body.appendChild(s);
    await new Promise((r) => setTimeout(r, 50));
    const result = { injected: w.__injected, violations: [...w.__cspViolations] };
    w.__cspViolations.length = 0; // expected: do not fail the fixture's own check
    return result;
  });
  expect(ran.injected).toBeUndefined();
  expect(ran.violations.join(" ")).toContain("script-src");
  // A request to another origin is refused by connect-src before it leaves.
  const fetched = await page.evaluate(async () => {
    const w = window as unknown as { __cspViolations: string[] };
    let outcome = "sent";
    try {
      await fetch("https://example.com/collect");
    } catch {
      outcome = "refused";
    }
    // The violation event is dispatched asynchronously.
    for (let i = 0; i < 20 && w.__cspViolations.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    const v = [...w.__cspViolations];
    w.__cspViolations.length = 0;
    return { outcome, v };
  });
  expect(fetched.outcome).toBe("refused");
  expect(fetched.v.join(" ")).toContain("connect-src");
});

// The zero-request check must be able to fail: prove it sees each kind of leak.
plain("the zero-request check catches requests, beacons, images and WebSockets", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ bypassCSP: true });
  const origin = new URL(baseURL!).origin;
  const leaks = await watchOrigin(context, origin);
  await context.addInitScript(CSP_WATCH);
  const page = await context.newPage();
  await page.goto(baseURL!);
  await page.evaluate(async () => {
    navigator.sendBeacon("http://127.0.0.2:9/beacon", "x");
    const img = new Image();
    img.src = "http://127.0.0.2:9/pixel.gif";
    document.body.appendChild(img);
    fetch("http://127.0.0.2:9/fetch").catch(() => {});
    try {
      new WebSocket("ws://127.0.0.2:9/socket");
    } catch {
      /* recorded by the watcher all the same */
    }
    await new Promise((r) => setTimeout(r, 500));
  });
  await expect.poll(() => leaks.map((l) => l.url).sort()).toEqual([
    "http://127.0.0.2:9/beacon",
    "http://127.0.0.2:9/fetch",
    "http://127.0.0.2:9/pixel.gif",
    "ws://127.0.0.2:9/socket",
  ]);
  expect(await cspViolations(page)).toEqual([]);
  await context.close();
});

// A service worker is allowed only from this origin, and what it requests is
// watched like the page's own requests: prove an off-origin fetch of a
// service worker is caught.
plain("the zero-request check catches a service worker's off-origin request", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const origin = new URL(baseURL!).origin;
  const leaks = await watchOrigin(context, origin);
  // A leaky worker, served from this origin without the site's policy.
  await context.route("**/leaky-sw.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: `self.addEventListener("install", (e) => e.waitUntil(fetch("http://127.0.0.2:9/from-the-service-worker").catch(() => {})));`,
    }),
  );
  const page = await context.newPage();
  await page.goto(baseURL!);
  await page.evaluate(async () => {
    await navigator.serviceWorker.register("./leaky-sw.js", { scope: "./leaky/" });
  });
  await expect.poll(() => leaks.map((l) => l.url)).toContain("http://127.0.0.2:9/from-the-service-worker");
  await context.close();
});

test("the built site works from a sub-path", async ({ page }) => {
  await openApp(page, "./deep/sub/path/");
  await expect(page.locator("tbody button.cell")).toHaveCount(48);
  expect(page.url()).toContain("/deep/sub/path/");
});

test("outbound source links carry no referrer and open only when clicked", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: /^Anthropic, ISO\/IEC 42001/ }).click();
  const links = page.getByTestId("cell-detail").getByRole("link");
  const n = await links.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    await expect(links.nth(i)).toHaveAttribute("rel", "noopener noreferrer");
    await expect(links.nth(i)).toHaveAttribute("target", "_blank");
  }
  // No <img>, <iframe> or external stylesheet anywhere in the page.
  expect(await page.locator("img, iframe, link[rel=stylesheet][href^=http]").count()).toBe(0);
});
