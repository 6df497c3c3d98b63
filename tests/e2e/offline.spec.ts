// Offline after the first visit: the app's own service worker caches the
// shell when it installs, and the workspace and the PDF reader when they are
// first used; a reload with no network still opens the matrix, the
// workspace, a saved evaluation and the reader. Every request of these
// tests, the service worker's included, is checked by ./fixtures.
import { readFileSync } from "node:fs";
import { test, expect, openApp } from "./fixtures";
import { addCandidate, goStep, TODAY } from "./workspace-helpers";
import type { Page } from "@playwright/test";

test.use({ serviceWorkers: "allow" });

const pdf = readFileSync(new URL("../fixtures/pdf/one-page-with-annex.pdf", import.meta.url));

async function dropPdf(page: Page) {
  const data = await page.evaluateHandle((b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "certificate.pdf", { type: "application/pdf" }));
    return dt;
  }, pdf.toString("base64"));
  const zone = page.getByTestId("pdf-drop-model").first();
  await zone.dispatchEvent("dragover", { dataTransfer: data });
  await zone.dispatchEvent("drop", { dataTransfer: data });
  await expect(page.getByTestId("pdf-review")).toBeVisible();
  await page.getByRole("button", { name: "Discard" }).click();
}

async function controlled(page: Page) {
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 20_000 }).toBe(true);
}

test("after one visit the app works offline: the matrix, the workspace, a saved evaluation and the PDF reader", async ({ page, context }) => {
  await page.clock.setFixedTime(TODAY);
  await openApp(page);
  await controlled(page);
  // Used once, online: the workspace and the reader are cached then.
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await page.getByLabel("Workload name").fill("Kept offline");
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  await addCandidate(page, "OpenAI direct");
  await goStep(page, 3);
  await dropPdf(page);

  await context.setOffline(true);
  // A reload returns to the place it left (step 3 of the evaluation),
  // from the cache alone.
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Step 3 of 5/ })).toBeVisible();
  await page.getByRole("button", { name: "Standards matrix" }).click();
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await goStep(page, 1);
  await expect(page.getByLabel("Workload name")).toHaveValue("Kept offline");
  await goStep(page, 3);
  await dropPdf(page);
  await context.setOffline(false);
});

test("the first visit caches the shell only; the service worker is sent with the strict policy", async ({ page }) => {
  const response = await page.request.get("sw.js");
  const csp = response.headers()["content-security-policy"];
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("script-src 'self'");
  const body = await response.text();
  expect(body).not.toContain("__SW_");
  const list = (name: string) => JSON.parse(body.match(new RegExp(`const ${name} = (\\[.*?\\]);`))![1]) as string[];
  const shell = list("SHELL"), lazy = list("LAZY");
  expect(shell).toContain("index.html");
  expect(shell.some((f) => /^scopewise-app-.*_bg\.wasm$/.test(f))).toBe(true);
  expect(lazy).toEqual(expect.arrayContaining(["scopewise-work_bg.wasm", "scopewise-pdf_bg.wasm", "pdf-worker.js"]));
  expect(shell.filter((f) => lazy.includes(f))).toEqual([]);

  await openApp(page);
  await controlled(page);
  const cached = await page.evaluate(async () => {
    const out: string[] = [];
    for (const name of await caches.keys()) {
      for (const r of await (await caches.open(name)).keys()) out.push(new URL(r.url).pathname.slice(1));
    }
    return out.sort();
  });
  expect(cached).toEqual([...shell].sort());
  // The manifest makes it installable.
  const manifest = await (await page.request.get("manifest.webmanifest")).json();
  expect(manifest.start_url).toBe("./");
  expect(manifest.display).toBe("standalone");
});

test("a new version waits until the user agrees to reload", async ({ page }) => {
  await openApp(page);
  await controlled(page);
  const before = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
  // A new version is published: the browser finds a new worker for this
  // scope, which installs and then waits (a new script address stands for
  // new bytes; the same server serves both).
  await page.evaluate(async () => {
    await navigator.serviceWorker.register(new URL("sw.js?next-version", document.baseURI).href, { scope: "./" });
  });
  const banner = page.getByTestId("update-ready");
  await expect(banner).toContainText("A new version of Scopewise is ready: reload to use it");
  // Not applied until the user agrees.
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(before);
  await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
  await expect(page.getByTestId("update-ready")).toHaveCount(0);
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toContain("sw.js?next-version");
});
