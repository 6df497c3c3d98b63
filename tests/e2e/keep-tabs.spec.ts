// Two tabs of one browser on the same evaluation, as a user would have
// them: one edits, the other shows it read-only, says who holds it, follows
// its saves, and takes over with "Edit here instead", without a keystroke
// lost. Pages of one context share the storage, the Web Locks and the
// BroadcastChannel, as tabs of one browser do.
import { test, expect, axeViolations } from "./fixtures";
import { openWorkspace } from "./workspace-helpers";
import type { Page } from "@playwright/test";

async function waitSaved(page: Page) {
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
}

async function storedEvaluations(page: Page): Promise<any[]> {
  return page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("scopewise.evaluation."))
      .map((k) => JSON.parse(localStorage.getItem(k)!)),
  );
}

test("two tabs on one evaluation: one writer, the other follows read-only and takes over without losing a keystroke", async ({ context }) => {
  const one = await context.newPage();
  await openWorkspace(one);
  await one.getByLabel("Workload name").fill("Claims triage");
  await waitSaved(one);

  // The second tab opens the same evaluation: read-only, and says who has it.
  const two = await context.newPage();
  await openWorkspace(two);
  const held = two.getByTestId("held-elsewhere");
  await expect(held).toContainText("open for editing in another tab of this browser");
  await expect(held).toContainText(/the tab opened at \d\d:\d\d:\d\d/);
  await expect(two.getByLabel("Workload name")).toHaveValue("Claims triage");
  await expect(two.getByLabel("Workload name")).toBeDisabled();
  expect(await axeViolations(two)).toEqual([]);
  await expect(one.getByTestId("held-elsewhere")).toHaveCount(0);
  await expect(one.getByLabel("Workload name")).toBeEnabled();

  // What the first tab types, the second shows once it is saved.
  await one.getByLabel("What data it touches").fill("Member PHI");
  await expect(two.getByLabel("What data it touches")).toHaveValue("Member PHI");

  // The first tab types, and before its save is due the second takes over:
  // the handover saves it first.
  await one.getByLabel("What it decides").fill("Routes claims to reviewers");
  await held.getByRole("button", { name: "Edit here instead" }).click();
  await expect(two.getByTestId("held-elsewhere")).toHaveCount(0);
  await expect(two.getByLabel("Workload name")).toBeEnabled();
  await expect(two.getByLabel("What it decides")).toHaveValue("Routes claims to reviewers");
  await expect(one.getByTestId("held-elsewhere")).toContainText("open for editing in another tab");
  await expect(one.getByLabel("Workload name")).toBeDisabled();

  // Now the second tab writes and the first follows.
  await two.getByLabel("Workload name").fill("Claims triage, second look");
  await waitSaved(two);
  await expect(one.getByLabel("Workload name")).toHaveValue("Claims triage, second look");

  // One evaluation stored, holding every keystroke of both tabs.
  const stored = await storedEvaluations(one);
  expect(stored).toHaveLength(1);
  expect(stored[0].evaluation.workload).toMatchObject({
    name: "Claims triage, second look",
    data: "Member PHI",
    decisions: "Routes claims to reviewers",
  });
  expect(stored[0].store).toBe(2);
  expect(stored[0].revision).toBeGreaterThanOrEqual(4);

  // Closing the editing tab lets the other edit again by itself.
  await two.close({ runBeforeUnload: true });
  await expect(one.getByTestId("held-elsewhere")).toHaveCount(0);
  await expect(one.getByLabel("Workload name")).toBeEnabled();
});

test("without Web Locks both tabs may write, and a clash keeps both versions with a clear name", async ({ context }) => {
  // A browser without Web Locks nor BroadcastChannel: only the revision check stands.
  await context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "locks", { get: () => undefined });
    // @ts-ignore
    delete window.BroadcastChannel;
  });
  const one = await context.newPage();
  await openWorkspace(one);
  await one.getByLabel("Workload name").fill("Shared work");
  await waitSaved(one);
  const two = await context.newPage();
  await openWorkspace(two);
  await expect(two.getByLabel("Workload name")).toHaveValue("Shared work");
  await expect(two.getByLabel("Workload name")).toBeEnabled();
  // Both type on top of the same revision.
  await one.getByLabel("What data it touches").fill("Typed in tab one");
  await waitSaved(one);
  await two.getByLabel("What it decides").fill("Typed in tab two");
  await expect(two.getByTestId("library-notice")).toContainText("Nothing was overwritten");
  await expect(two.getByLabel("Workload name")).toHaveValue("Shared work");
  const stored = await storedEvaluations(two);
  expect(stored).toHaveLength(2);
  const theirs = stored.find((s) => s.evaluation.workload.data === "Typed in tab one");
  const mine = stored.find((s) => s.evaluation.workload.decisions === "Typed in tab two");
  expect(theirs, "tab one's version is kept as it was").toBeTruthy();
  expect(mine, "tab two's version is kept beside it").toBeTruthy();
  expect(mine.name).toContain("this tab's changes");
});
