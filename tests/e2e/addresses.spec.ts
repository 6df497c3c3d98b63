// Every view and every step of the workspace has an address in the
// fragment (never sent to a server): Back and Forward move between them, a
// reload returns to the same place, and an address opened directly opens
// its place.
import { test, expect, openApp } from "./fixtures";
import { goStep, openWorkspace, TODAY } from "./workspace-helpers";
import type { Page } from "@playwright/test";

const matrixTable = (page: Page) => page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
const pathsTable = (page: Page) => page.getByRole("table", { name: /Which organisation's certificate covers each layer/ });
const stepHeading = (page: Page, n: number, title: string) => page.getByRole("heading", { name: `Step ${n} of 5: ${title}` });
const hash = (page: Page) => new URL(page.url()).hash;

test("Back and Forward move between the views and the workspace's steps", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await expect(pathsTable(page)).toBeVisible();
  expect(hash(page)).toBe("#/paths");
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(stepHeading(page, 1, "Workload and risk tier")).toBeVisible();
  expect(hash(page)).toBe("#/evaluate/1");
  await goStep(page, 3);
  expect(hash(page)).toBe("#/evaluate/3");
  await page.getByRole("button", { name: /^Next: step 4/ }).click();
  await expect(stepHeading(page, 4, "Contract checklist")).toBeVisible();
  expect(hash(page)).toBe("#/evaluate/4");

  await page.goBack();
  await expect(stepHeading(page, 3, "Evidence records")).toBeVisible();
  await expect(stepHeading(page, 4, "Contract checklist")).toBeHidden();
  await page.goBack();
  await expect(stepHeading(page, 1, "Workload and risk tier")).toBeVisible();
  await page.goBack();
  await expect(pathsTable(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "Hosted paths" })).toHaveAttribute("aria-pressed", "true");
  await page.goBack();
  await expect(matrixTable(page)).toBeVisible();
  await expect(page.getByRole("button", { name: "Standards matrix" })).toHaveAttribute("aria-pressed", "true");

  await page.goForward();
  await expect(pathsTable(page)).toBeVisible();
  await page.goForward();
  await expect(stepHeading(page, 1, "Workload and risk tier")).toBeVisible();
  await page.goForward();
  await expect(stepHeading(page, 3, "Evidence records")).toBeVisible();
  expect(hash(page)).toBe("#/evaluate/3");
});

test("a reload returns to the same place, the workspace's step included", async ({ page }) => {
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Claims triage");
  await goStep(page, 2);
  await expect(page.getByTestId("save-state")).toContainText("Saved in this browser");
  await page.reload();
  await expect(stepHeading(page, 2, "Candidates and products")).toBeVisible();
  await expect(stepHeading(page, 1, "Workload and risk tier")).toBeHidden();
  await expect(page.getByRole("button", { name: "Evaluate evidence" })).toHaveAttribute("aria-pressed", "true");
  await goStep(page, 1);
  await expect(page.getByLabel("Workload name")).toHaveValue("Claims triage");
  // Back after the reload still knows where the user was.
  await page.goBack();
  await expect(stepHeading(page, 2, "Candidates and products")).toBeVisible();

  await page.getByRole("button", { name: "Hosted paths" }).click();
  await expect(pathsTable(page)).toBeVisible();
  await page.reload();
  await expect(pathsTable(page)).toBeVisible();
  expect(hash(page)).toBe("#/paths");
});

test("an address opened or typed opens its place; an unknown one opens the matrix", async ({ page }) => {
  await page.clock.setFixedTime(TODAY);
  await page.goto("./#/nowhere");
  await expect(matrixTable(page)).toBeVisible();
  // Typed into the address bar of the open page.
  await page.goto("./#/evaluate/5");
  await expect(stepHeading(page, 5, "Report")).toBeVisible();
  await expect(page.getByRole("button", { name: "Evaluate evidence" })).toHaveAttribute("aria-pressed", "true");
  await page.goto("./#/paths");
  await expect(pathsTable(page)).toBeVisible();
  // Opened in a fresh tab.
  const fresh = await page.context().newPage();
  await fresh.goto("./#/evaluate/4");
  await expect(stepHeading(fresh, 4, "Contract checklist")).toBeVisible();
  await fresh.close();
});

test("a matrix view link is still its own address, and Back returns to it", async ({ page }) => {
  await page.goto("./#view=matrix&standards=iso42001&disputed=1&cell=cohere.iso42001");
  await expect(matrixTable(page).getByRole("rowheader")).toHaveText(["Cohere"]);
  await expect(page.getByTestId("cell-detail")).toContainText("Cohere · ISO/IEC 42001");
  expect(hash(page)).toBe("#view=matrix&standards=iso42001&disputed=1&cell=cohere.iso42001");
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await expect(pathsTable(page)).toBeVisible();
  await page.goBack();
  await expect(matrixTable(page).getByRole("rowheader")).toHaveText(["Cohere"]);
  expect(hash(page)).toBe("#view=matrix&standards=iso42001&disputed=1&cell=cohere.iso42001");
});
