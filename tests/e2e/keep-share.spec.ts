// Keeping work in the browser and sharing it by link, as a user would.
// Every test runs under the zero-request and CSP checks of ./fixtures; the
// second browser contexts made here get the same request watch.
import { test, expect, openApp, live, watchOrigin, axeViolations, type Leak } from "./fixtures";
import { openWorkspace, TODAY } from "./workspace-helpers";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));

const EXAMPLE = path.resolve(HERE, "../../examples/evaluation.json");
const REFERENCE = path.resolve(HERE, "../../tests/fixtures/reference-evaluation.json");

async function storageKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage));
}

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
}

async function importFile(page: Page, file: string) {
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("library-notice")).toContainText("Imported");
}

/** A fresh context, as a colleague's browser: watched for requests too. */
async function colleague(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page; leaks: Leak[] }> {
  const context = await browser.newContext({ baseURL });
  const leaks = await watchOrigin(context, new URL(baseURL).origin);
  const page = await context.newPage();
  await page.clock.setFixedTime(TODAY);
  return { context, page, leaks };
}

async function makeLink(page: Page, mode: "open" | "passphrase", passphrase?: string): Promise<string> {
  await page.getByRole("button", { name: "Share…" }).click();
  const dialog = page.getByTestId("share-dialog");
  if (mode === "open") {
    await dialog.getByLabel("Anyone with the link").check();
    await expect(dialog.getByTestId("share-open-warning")).toContainText("Anyone who gets this link can read");
  } else {
    const field = dialog.getByLabel("Passphrase", { exact: true });
    await expect(field).toHaveValue(/^[a-z2-9]{4}(-[a-z2-9]{4}){4}$/);
    if (passphrase) await field.fill(passphrase);
  }
  await dialog.getByRole("button", { name: "Make the link" }).click();
  const link = await dialog.getByTestId("share-link").inputValue();
  expect(link).toContain("#share=");
  await expect(dialog.getByTestId("share-length")).toHaveText(`${link.length} characters.`);
  return link;
}

test("work survives a reload and a closed tab", async ({ page, context }) => {
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Claims triage");
  await waitSaved(page);
  await page.reload();
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage");
  // Typing, then hiding the tab at once: saved without waiting for the pause.
  await page.getByLabel("What data it touches").fill("Member PHI");
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await openWorkspace(again);
  await expect(again.getByLabel("Workload name")).toHaveValue("Claims triage");
  await expect(again.getByLabel("What data it touches")).toHaveValue("Member PHI");
});

test("the list: rename, duplicate, delete with undo, forget everything", async ({ page }) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  await page.getByText(/Saved on this device/).click();
  const list = page.getByTestId("saved-list");
  await expect(list.getByTestId("saved-entry")).toHaveCount(1);
  await list.getByRole("button", { name: "Rename" }).click();
  await list.getByLabel("New name").fill("Q4 shortlist");
  await list.getByRole("button", { name: "Save name" }).click();
  await expect(list).toContainText("Q4 shortlist");
  await list.getByRole("button", { name: "Duplicate" }).click();
  await expect(list.getByTestId("saved-entry")).toHaveCount(2);
  await expect(list).toContainText("Copy of Q4 shortlist");
  await list.getByTestId("saved-entry").filter({ hasText: "Copy of" }).getByRole("button", { name: "Delete" }).click();
  await expect(list.getByTestId("saved-entry")).toHaveCount(1);
  await page.getByTestId("undo").getByRole("button", { name: "Undo" }).click();
  await expect(list.getByTestId("saved-entry")).toHaveCount(2);
  // Open the copy: the workspace shows its values.
  await list.getByTestId("saved-entry").filter({ hasText: "Copy of" }).getByRole("button", { name: "Open" }).click();
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
  expect((await storageKeys(page)).length).toBeGreaterThan(1);
  await page.getByRole("button", { name: "Forget everything on this device…" }).click();
  await page.getByRole("button", { name: "Yes, forget everything" }).click();
  await expect(page.getByTestId("library-notice")).toContainText("is gone");
  await expect(list.getByTestId("saved-entry")).toHaveCount(0);
  expect(await storageKeys(page)).toEqual([]);
  // And it stays empty after a reload.
  await page.reload();
  expect(await storageKeys(page)).toEqual([]);
});

test("a full storage is reported, the work stays in the tab, and the file is offered", async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Unsaved work");
  const alert = page.getByTestId("save-failed");
  await expect(alert).toContainText("storage for Scopewise is full");
  await expect(page.getByLabel("Workload name")).toHaveValue("Unsaved work");
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: "Export to a file" }).click();
  const file = await (await download).path();
  expect(JSON.parse(readFileSync(file!, "utf8")).workload.name).toBe("Unsaved work");
});

test("import is all or nothing and says where the problem is; export gives the file back", async ({ page }) => {
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("My own work");
  await waitSaved(page);
  const broken = readFileSync(EXAMPLE, "utf8").replace('"layer": "model"', '"layer": "modle"');
  await page.getByTestId("import-file").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(broken) });
  const error = page.getByTestId("import-error");
  await expect(error).toContainText("candidates[0].records[0].layer");
  await expect(error).toContainText("nothing was");
  await expect(page.getByLabel("Workload name")).toHaveValue("My own work");
  await importFile(page, EXAMPLE);
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
  await page.getByText(/Saved on this device/).click();
  await expect(page.getByTestId("saved-list").getByTestId("saved-entry")).toHaveCount(2);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export to a file" }).first().click();
  const d = await download;
  expect(d.suggestedFilename()).toBe("scopewise-claims-triage-assistant.json");
  const exportedPath = (await d.path())!;
  const exported = JSON.parse(readFileSync(exportedPath, "utf8"));
  const original = JSON.parse(readFileSync(EXAMPLE, "utf8"));
  expect(exported.workload).toEqual(original.workload);
  expect(exported.policy).toEqual(original.policy);
  const ids = (e: any) => e.candidates.map((c: any) => [c.id, c.records.map((r: any) => [r.id, r.standard, r.expiry_date ?? null])]);
  expect(ids(exported)).toEqual(ids(original));
  // The exported file imports back to the same evaluation.
  await importFile(page, exportedPath);
  const again = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export to a file" }).first().click();
  expect(JSON.parse(readFileSync((await (await again).path())!, "utf8"))).toEqual(exported);
});

test("an open link made in one browser opens read-only in another, with the same report", async ({ page, browser, baseURL }) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  await page.getByRole("button", { name: "5 Report" }).click();
  const summary = await page.getByTestId("nav-summary").innerText();
  const link = await makeLink(page, "open");

  const other = await colleague(browser, baseURL!);
  // The colleague has work of their own.
  await openWorkspace(other.page);
  await other.page.getByLabel("Workload name").fill("Colleague's own work");
  await waitSaved(other.page);
  await other.page.goto(link);
  const shared = other.page.getByTestId("shared-view");
  await expect(shared).toContainText("Shared evaluation: Claims triage assistant");
  await expect.poll(() => shared.getByTestId("nav-summary").innerText()).toBe(summary);
  await expect(shared.getByLabel("Workload name")).toBeDisabled();
  // The payload left the address bar.
  expect(other.page.url()).not.toContain("#share=");
  await expect(other.page.getByTestId("address-cleared")).toBeVisible();
  // Their own work is untouched; a copy is saved beside it.
  await shared.getByRole("button", { name: "Save a copy to this device" }).click();
  await expect(other.page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
  await other.page.getByText(/Saved on this device/).click();
  const list = other.page.getByTestId("saved-list");
  await expect(list.getByTestId("saved-entry")).toHaveCount(2);
  await expect(list).toContainText("Colleague's own work");
  await expect(list).toContainText("Shared: Claims triage assistant");
  expect(other.leaks).toEqual([]);
  await other.context.close();
});

test("a passphrase link: wrong passphrase, then the right one", async ({ page, browser, baseURL }) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  const link = await makeLink(page, "passphrase", "tuna-7kq3-mzpx-4hwd-b3tn");
  expect(link).not.toContain("Claims");

  const other = await colleague(browser, baseURL!);
  await other.page.goto(link);
  const prompt = other.page.getByTestId("passphrase-prompt");
  await expect(prompt).toBeVisible();
  expect(other.page.url()).not.toContain("#share=");
  expect(await axeViolations(other.page)).toEqual([]);
  await prompt.getByLabel("Passphrase").fill("tuna-7kq3-mzpx-4hwd-b3tm");
  await prompt.getByRole("button", { name: "Open" }).click();
  await expect(other.page.getByTestId("passphrase-error")).toContainText("does not open this link");
  await prompt.getByLabel("Passphrase").fill("tuna-7kq3-mzpx-4hwd-b3tn");
  await prompt.getByRole("button", { name: "Open" }).click();
  await expect(other.page.getByTestId("shared-view")).toContainText("Shared evaluation: Claims triage assistant");
  expect(await axeViolations(other.page)).toEqual([]);
  // A colleague who never used Scopewise saves a copy: it opens, editable,
  // in the workspace.
  await other.page.getByRole("button", { name: "Save a copy to this device" }).click();
  await expect(other.page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
  await expect(other.page.getByLabel("Workload name")).toBeEnabled();
  await waitSaved(other.page);
  expect(other.leaks).toEqual([]);
  await other.context.close();
});

test("damaged, cut, foreign and newer links each get their own message, and the app stays usable", async ({ page }) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  const link = await makeLink(page, "open");
  const [base, payload] = link.split("#share=");
  const mid = Math.floor(payload.length / 2);
  const flipped = payload.slice(0, mid) + (payload[mid] === "A" ? "B" : "A") + payload.slice(mid + 1);
  // A link from a newer Scopewise: format byte 3, its check made consistently.
  const bytes = Buffer.from(payload, "base64url");
  expect(bytes[0]).toBe(2);
  bytes[0] = 3;
  const body = bytes.subarray(0, bytes.length - 4);
  createHash("sha256").update(body).digest().copy(bytes, bytes.length - 4, 0, 4);
  const newer = bytes.toString("base64url");
  const cases: [string, string][] = [
    [newer, "made by a newer version of Scopewise"],
    [flipped, "has been changed since it was made"],
    [payload.slice(0, payload.length - 40), "cut short"],
    [payload.replace(/.$/, "%"), "characters a Scopewise link never has"],
    ["aGVsbG8sIHdvcmxkIQ", "not a Scopewise evaluation link"],
  ];
  for (const [p, message] of cases) {
    await page.goto(`${base}#share=${p}`);
    await expect(page.getByTestId("link-error")).toContainText(message);
    await page.getByRole("button", { name: "Dismiss" }).click();
  }
  // The address bar can have the link back, on request.
  await page.goto(link);
  await expect(page.getByTestId("shared-view")).toBeVisible();
  expect(page.url()).not.toContain("#share=");
  await page.getByRole("button", { name: "Put it back in the address bar" }).click();
  expect(page.url()).toBe(link);
  await page.getByRole("button", { name: "Close it" }).click();
  // Still usable, and the user's work is still there.
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
});

test("the reference evaluation's link fits chat tools; a longer one names the tools it breaks in and offers the file", async ({ page }, info) => {
  await openWorkspace(page);
  await importFile(page, REFERENCE);
  const link = await makeLink(page, "open");
  expect(link.length).toBeLessThanOrEqual(2000);
  await expect(page.getByTestId("share-long-warning")).toHaveCount(0);
  // An evaluation whose notes are long and unlike anything else: its link is long.
  const long = JSON.parse(readFileSync(REFERENCE, "utf8"));
  let seed = 7;
  const noise = () => Array.from({ length: 400 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), "abcdefghijklmnopqrstuvwxyz0123456789 "[seed % 37])).join("");
  for (const c of long.candidates) c.customer_notes = noise();
  const file = info.outputPath("long.json");
  writeFileSync(file, JSON.stringify(long));
  await importFile(page, file);
  await page.getByRole("button", { name: "Close" }).click();
  const longer = await makeLink(page, "open");
  expect(longer.length).toBeGreaterThan(2048);
  const warning = page.getByTestId("share-long-warning");
  await expect(warning).toContainText("Microsoft Teams does not open links longer than 2,048 characters");
  const download = page.waitForEvent("download");
  await warning.getByRole("button", { name: "Export to a file" }).click();
  expect((await download).suggestedFilename()).toBe("scopewise-claims-triage-assistant.json");
  // The panel, the list and the dialog pass axe.
  await page.getByText(/Saved on this device/).click();
  expect(await axeViolations(page)).toEqual([]);
});

test("a matrix view link carries filters and the selected cell, and no user data", async ({ page, browser, baseURL }) => {
  await openApp(page);
  await page.getByText("Filter vendors and standards").click();
  await page.getByRole("group", { name: "Standards" }).getByLabel("ISO/IEC 27017").uncheck();
  await page.getByLabel("Only vendors with a disputed cell").check();
  await page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001/ }).click();
  await page.getByTestId("matrix-link-button").click();
  const link = await page.getByTestId("matrix-link").inputValue();
  expect(link).toContain("#view=matrix");
  expect(link).toContain("disputed=1");
  expect(link).toContain("cell=cohere.iso42001");
  const other = await colleague(browser, baseURL!);
  await other.page.goto(link);
  await expect(other.page.getByLabel("Only vendors with a disputed cell")).toBeChecked();
  await expect(other.page.getByRole("group", { name: "Standards" }).getByLabel("ISO/IEC 27017")).not.toBeChecked();
  await expect(other.page.locator("#cell-detail")).toContainText("Cohere");
  expect(other.leaks).toEqual([]);
  await other.context.close();
});

test("a saved record that cannot be read is set aside, listed, and its text can be saved", async ({ page }) => {
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Readable work");
  await waitSaved(page);
  await page.evaluate(() => localStorage.setItem("scopewise.evaluation.broken1", '{"store":1,"id":"broken1","na'));
  await page.reload();
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await page.getByText(/Saved on this device/).click();
  const unreadable = page.getByTestId("unreadable");
  await expect(unreadable).toContainText("could not be read: it is not complete JSON");
  await expect(page.getByTestId("saved-list").getByTestId("saved-entry")).toHaveCount(1);
  expect(await page.evaluate(() => localStorage.getItem("scopewise.unreadable.broken1"))).toBe('{"store":1,"id":"broken1","na');
  const download = page.waitForEvent("download");
  await unreadable.getByRole("button", { name: "Save its text to a file" }).click();
  expect(readFileSync((await (await download).path())!, "utf8")).toBe('{"store":1,"id":"broken1","na');
  await unreadable.getByRole("button", { name: "Delete it" }).click();
  await expect(unreadable).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem("scopewise.unreadable.broken1"))).toBeNull();
});

test("work saved before the rename (certcheck.* keys) opens after it, moved to the new keys", async ({ page }) => {
  const v1 = readFileSync(path.resolve(HERE, "../../tests/fixtures/store/v1-example.json"), "utf8");
  await openApp(page);
  await page.evaluate((raw) => {
    localStorage.setItem("certcheck.evaluation.k3j9x2", raw);
    localStorage.setItem("certcheck.unreadable.old", "{not json");
    localStorage.setItem("certcheck.open", "k3j9x2");
  }, v1);
  await page.reload();
  await live(page);
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  // The evaluation open before the rename opens again.
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage assistant");
  await page.getByText(/Saved on this device/).click();
  await expect(page.getByTestId("saved-list").getByTestId("saved-entry")).toContainText("Claims triage: Claude on Bedrock vs OpenAI");
  await expect(page.getByTestId("unreadable")).toContainText("could not be read");
  const keys = (await storageKeys(page)).sort();
  expect(keys.filter((k) => k.startsWith("certcheck."))).toEqual([]);
  expect(keys).toEqual(expect.arrayContaining(["scopewise.evaluation.k3j9x2", "scopewise.open", "scopewise.unreadable.old"]));
  expect(await page.evaluate(() => localStorage.getItem("scopewise.evaluation.k3j9x2"))).toBe(v1);
});
