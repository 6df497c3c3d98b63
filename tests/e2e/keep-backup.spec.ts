// Keeping work when the browser may clear it: persistence asked for and
// shown, a backup of everything, a restore that is all or nothing and never
// overwrites, a damaged backup refused with its reason, and a quiet
// reminder after 30 days without one.
import { test, expect, axeViolations } from "./fixtures";
import { openWorkspace, TODAY } from "./workspace-helpers";
import type { Page } from "@playwright/test";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const EXAMPLE = path.resolve(HERE, "../../examples/evaluation.json");
const REFERENCE = path.resolve(HERE, "../../tests/fixtures/reference-evaluation.json");

/** The browser's answer to navigator.storage.persist(), and the calls. */
async function persistAnswers(page: Page, answer: boolean) {
  await page.addInitScript((answer) => {
    const w = window as unknown as { __persistCalls: number };
    w.__persistCalls = 0;
    let kept = false;
    StorageManager.prototype.persisted = async () => kept;
    StorageManager.prototype.persist = async () => {
      w.__persistCalls += 1;
      kept = answer;
      return answer;
    };
  }, answer);
}

async function importFile(page: Page, file: string) {
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("library-notice")).toContainText("Imported");
}

async function entries(page: Page): Promise<string[]> {
  return page.getByTestId("saved-list").getByTestId("saved-entry").locator(".entry-name").allInnerTexts();
}

async function backUp(page: Page): Promise<string> {
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Back up everything", exact: true }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/^scopewise-backup-\d{4}-\d\d-\d\d\.json$/);
  return (await d.path())!;
}

async function restore(page: Page, file: string) {
  await page.getByTestId("restore-file").setInputFiles(file);
}

test("persistence is asked for on the first save, and the answer shown in words", async ({ page }) => {
  await persistAnswers(page, true);
  await openWorkspace(page);
  const status = page.getByTestId("keep-status");
  await expect(status).toContainText("The browser may clear this");
  expect(await page.evaluate(() => (window as any).__persistCalls)).toBe(0);
  await page.getByLabel("Workload name").fill("Kept work");
  await expect(status).toContainText("Kept until you delete it");
  await expect(status).toContainText(/Using [\d.]+ (bytes|KB|MB) of the [\d.]+ (KB|MB|GB|TB) this browser allows/);
  await page.getByLabel("What data it touches").fill("More");
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  expect(await page.evaluate(() => (window as any).__persistCalls), "asked once").toBe(1);
});

test("a browser that may clear the data says so, and after 30 days without a backup a quiet reminder appears", async ({ page }) => {
  await persistAnswers(page, false);
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Work at risk");
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  await expect(page.getByTestId("keep-status")).toContainText("The browser may clear this");
  await expect(page.getByTestId("backup-reminder")).toHaveCount(0);
  // 31 days later.
  await page.clock.setFixedTime(new Date(TODAY.getTime() + 31 * 86_400_000));
  await page.reload();
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  const reminder = page.getByTestId("backup-reminder");
  await expect(reminder).toContainText("Nothing has been backed up for over 30 days");
  const download = page.waitForEvent("download");
  await reminder.getByRole("button", { name: "Back up everything now" }).click();
  await download;
  await expect(reminder).toHaveCount(0);
});

test("back up everything and restore: every evaluation returns; nothing is doubled or overwritten; a clash keeps both", async ({ page }) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  await importFile(page, REFERENCE);
  await page.getByRole("button", { name: "New evaluation" }).click();
  await page.getByLabel("Workload name").fill("Typed by hand");
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  await page.getByText(/Saved on this device/).click();
  const before = (await entries(page)).sort();
  expect(before).toHaveLength(3);
  const file = await backUp(page);
  const backup = JSON.parse(readFileSync(file, "utf8"));
  expect(backup.scopewise_backup).toBe(1);
  expect(backup.evaluations).toHaveLength(3);

  // Into an empty browser.
  await page.getByRole("button", { name: "Forget everything on this device…" }).click();
  await page.getByRole("button", { name: "Yes, forget everything" }).click();
  expect(await entries(page)).toEqual([]);
  await restore(page, file);
  const plan = page.getByTestId("restore-plan");
  await expect(plan).toContainText("holds 3 evaluations: 3 to add, 0 already here");
  expect(await axeViolations(page)).toEqual([]);
  await plan.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByTestId("library-notice")).toContainText("Restored: 3 added");
  expect((await entries(page)).sort()).toEqual(before);
  const stored = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith("scopewise.evaluation.")).map((k) => JSON.parse(localStorage.getItem(k)!)),
  );
  const byId = (list: any[]) => Object.fromEntries(list.map((s) => [s.id, s.evaluation]));
  expect(byId(stored)).toEqual(byId(backup.evaluations));

  // The same backup again: nothing to add, nothing doubled.
  await restore(page, file);
  await expect(plan).toContainText("0 to add, 3 already here");
  await plan.getByRole("button", { name: "Restore" }).click();
  expect(await entries(page)).toHaveLength(3);

  // Change one here, then restore: the one here stays, the backup's is kept beside it.
  await page.getByTestId("saved-list").getByTestId("saved-entry").filter({ hasText: "Typed by hand" }).getByRole("button", { name: "Open" }).click();
  await page.getByLabel("Workload name").fill("Typed by hand, then changed");
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  await restore(page, file);
  await expect(plan).toContainText("1 that differ");
  await expect(plan).toContainText("the one here stays");
  await plan.getByRole("button", { name: "Restore" }).click();
  const after = await entries(page);
  expect(after).toHaveLength(4);
  expect(after).toContain("Typed by hand, then changed");
  expect(after.some((n) => n.startsWith("Typed by hand (from the backup of"))).toBe(true);
});

test("a damaged backup is refused with its reason and place, and nothing changes", async ({ page }, info) => {
  await openWorkspace(page);
  await importFile(page, EXAMPLE);
  await page.getByText(/Saved on this device/).click();
  const file = await backUp(page);
  const text = readFileSync(file, "utf8");
  const cases: [string, string, RegExp][] = [
    ["changed.json", text.replace('"layer": "model"', '"layer": "modle"'), /evaluations\[0\]\.evaluation\.candidates\[0\]\.records\[0\]\.layer \(line \d+, column \d+\)/],
    ["cut.json", text.slice(0, Math.floor(text.length / 2)), /This backup is damaged: EOF while parsing .* \(line \d+, column \d+\)/],
    ["evaluation.json", readFileSync(EXAMPLE, "utf8"), /This is an evaluation file, not a backup/],
  ];
  for (const [name, body, reason] of cases) {
    const p = info.outputPath(name);
    writeFileSync(p, body);
    await restore(page, p);
    const error = page.getByTestId("restore-error");
    await expect(error).toContainText(reason);
    await expect(page.getByTestId("restore-plan")).toHaveCount(0);
  }
  await expect(page.getByTestId("restore-error")).toContainText("Use “Import a file”");
  expect(await entries(page)).toHaveLength(1);
});
