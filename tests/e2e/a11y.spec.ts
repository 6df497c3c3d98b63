import { test, expect, openApp, axeViolations } from "./fixtures";

test("no serious or critical accessibility violations: matrix, cell detail, paths", async ({ page }) => {
  await openApp(page);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: /^AWS, ISO\/IEC 42001/ }).click();
  await expect(page.getByTestId("cell-detail")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await expect(page.getByTestId("layers-warning")).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test("dark mode and a phone-sized screen stay accessible and readable", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.setViewportSize({ width: 375, height: 740 });
  await openApp(page);
  expect(await axeViolations(page)).toEqual([]);
  // The table scrolls inside its own region instead of widening the page.
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth).toBeLessThanOrEqual(375);
  await page.getByRole("button", { name: /^Mistral, ISO\/IEC 27701/ }).click();
  await expect(page.getByTestId("cell-detail")).toContainText("In progress");
  expect(await axeViolations(page)).toEqual([]);
});
