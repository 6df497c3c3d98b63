// The first visit downloads the shell only (the matrix and the hosted
// paths); the evaluation workspace's module is fetched from this origin the
// first time it is opened. These tests hold that split to what a user sees.
import { test, expect, openApp } from "./fixtures";

test("the first visit does not fetch the workspace; opening it does, once", async ({ page }) => {
  const seen: string[] = [];
  page.on("request", (r) => seen.push(new URL(r.url()).pathname.split("/").pop() ?? ""));
  await openApp(page);
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await page.waitForLoadState("networkidle");
  expect(seen.filter((f) => f.startsWith("scopewise-work"))).toEqual([]);
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 5: Workload and risk tier" })).toBeVisible();
  await page.getByRole("button", { name: "Standards matrix" }).click();
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 5: Workload and risk tier" })).toBeVisible();
  expect(seen.filter((f) => f.startsWith("scopewise-work")).sort()).toEqual(["scopewise-work.js", "scopewise-work_bg.wasm"]);
});

test("opening the workspace downloads its styles, script and wasm at the same time", async ({ page }) => {
  // The styles are held back until the browser has asked for the wasm: if
  // the downloads ran one after the other, the workspace would never open.
  let wasmAsked = () => {};
  const wasmSeen = new Promise<void>((ok) => (wasmAsked = ok));
  page.on("request", (r) => {
    if (r.url().endsWith("/scopewise-work_bg.wasm")) wasmAsked();
  });
  let held = 0;
  await page.route("**/workspace.css", async (route) => {
    held += 1;
    await wasmSeen;
    await route.continue();
  });
  await openApp(page);
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 5: Workload and risk tier" })).toBeVisible();
  expect(held).toBe(1);
  // The workspace's styles apply: its step bar sticks to the top.
  await expect(page.locator(".ws-steps")).toHaveCSS("position", "sticky");
});

test("a workspace that cannot be downloaded says so, keeps the matrix working, and can be retried", async ({ page }) => {
  let fail = true;
  let tries = 0;
  await page.route("**/scopewise-work_bg.wasm", (route) => {
    tries += 1;
    return fail ? route.abort("connectionreset") : route.continue();
  });
  await openApp(page);
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  const failed = page.getByTestId("work-failed");
  await expect(failed).toContainText("could not be loaded");
  await expect(failed).toContainText("Your saved work in this browser is untouched");
  await page.getByRole("button", { name: "Standards matrix" }).click();
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
  // Coming back to the workspace tries again by itself (and fails again here).
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect.poll(() => tries).toBe(2);
  await expect(failed).toBeVisible();
  fail = false;
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 5: Workload and risk tier" })).toBeVisible();
  await expect(failed).toHaveCount(0);
});
