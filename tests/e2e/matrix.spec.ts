import { test, expect, openApp } from "./fixtures";

const VENDORS = ["OpenAI", "Anthropic", "AWS", "Azure", "Google Cloud", "Cohere", "Mistral", "Hugging Face"];
const STANDARDS = ["27001", "27017", "27018", "27701", "42001", "SOC 2 II"];

test("the matrix shows 8 vendors × 6 standards, in words and symbols", async ({ page }) => {
  await openApp(page);
  const table = page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
  const rowHeaders = table.getByRole("rowheader");
  await expect(rowHeaders).toHaveText(VENDORS);
  const colHeaders = table.locator("thead th");
  await expect(colHeaders).toHaveCount(7);
  for (const s of STANDARDS) await expect(table.locator("thead")).toContainText(s);
  await expect(table.locator("tbody button.cell")).toHaveCount(48);
  // Every cell says its status in words, never by colour alone.
  const words = await table.locator("tbody button.cell .word").allTextContents();
  for (const w of words) expect(w).toMatch(/^(Certified|Report available|Some services|In progress|Evolving: verify|No public claim found|Disputed)$/);
  await expect(page.getByRole("button", { name: /^OpenAI, ISO\/IEC 27001: Certified\s*,\s*3 claims$/ })).toBeVisible();
});

test("disputed cells are marked and keep every claim, with sources and dates", async ({ page }) => {
  await openApp(page);
  // Only sources of equal weight can dispute a cell: an article and a registry.
  await expect(page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001: Disputed/ })).toBeVisible();
  await expect(page.locator("tbody button.cell", { hasText: "Disputed" })).toHaveCount(1);
  await page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001/ }).click();
  const disputed = page.getByTestId("cell-detail");
  await expect(disputed.getByRole("heading", { level: 3 })).toContainText(/Cohere · ISO\/IEC 42001: \S+ Disputed/);
  await expect(disputed.getByRole("note")).toContainText("The sources disagree (Certified vs. Evolving: verify)");
  await expect(disputed.locator("li.claim")).toHaveCount(2);

  // AWS's own announcement outweighs a third-party article: not disputed,
  // and every claim is still shown, the vendor's first.
  await page.getByRole("button", { name: /^AWS, ISO\/IEC 42001: Some services/ }).click();
  const detail = page.getByTestId("cell-detail");
  await expect(detail.getByRole("heading", { level: 3 })).toContainText(/AWS · ISO\/IEC 42001: \S+ Some services/);
  const claims = detail.locator("li.claim");
  await expect(claims).toHaveCount(3);
  await expect(claims.nth(0)).toContainText("Amazon Bedrock, Amazon Q Business, Amazon Textract, Amazon Transcribe");
  await expect(claims.nth(0)).toContainText("25 November 2024");
  await expect(claims.nth(1)).toContainText("Source A");
  await expect(claims.nth(1)).toContainText("June 2026");
  // Source links open only on click, in a new tab, without referrer.
  const link = claims.nth(0).getByRole("link").first();
  await expect(link).toHaveAttribute("rel", "noopener noreferrer");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("href", /^https:\/\/aws\.amazon\.com\/blogs\//);
  // The vendor's own facts carry their source too.
  await expect(detail.locator("dl.facts")).toContainText("EY CertifyPoint");
  await expect(detail.locator("dl.facts")).toContainText("(source A, June 2026)");
});

test("an announcement date is shown apart from the certificate's effective date", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: /^Anthropic, ISO\/IEC 42001/ }).click();
  const claim = page.getByTestId("cell-detail").locator("li.claim", { hasText: "Schellman" });
  await expect(claim).toContainText("Announced13 January 2025");
  await expect(claim).toContainText("Certificate effective6 January 2025");
});

test("cells can be explored with the keyboard alone", async ({ page }) => {
  await openApp(page);
  // Tab from the (closed) filter panel reaches the table region, then the grid.
  await page.getByText("Filter vendors and standards").focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  const first = page.getByRole("button", { name: /^OpenAI, ISO\/IEC 27001/ });
  await expect(first).toBeFocused();
  // Right ×4 to 42001, down ×2 to AWS, Enter to select.
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  const aws42001 = page.getByRole("button", { name: /^AWS, ISO\/IEC 42001/ });
  await expect(aws42001).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(aws42001).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByTestId("cell-detail")).toContainText("AWS · ISO/IEC 42001");
  // End and Home move along the row; only one cell is a Tab stop.
  await page.keyboard.press("End");
  await expect(page.getByRole("button", { name: /^AWS, SOC 2 Type II/ })).toBeFocused();
  await page.keyboard.press("Home");
  await expect(page.getByRole("button", { name: /^AWS, ISO\/IEC 27001/ })).toBeFocused();
  await expect(page.locator('tbody button.cell[tabindex="0"]')).toHaveCount(1);
  // Space selects too.
  await page.keyboard.press("Space");
  await expect(page.getByTestId("cell-detail")).toContainText(/AWS · ISO\/IEC 27001: \S+ Certified/);
});

test("filters hide vendors and standards, and can be reset", async ({ page }) => {
  await openApp(page);
  const table = page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
  await page.getByText("Filter vendors and standards").click();
  await page.getByRole("group", { name: "Vendors" }).getByLabel("OpenAI").uncheck();
  await expect(table.getByRole("rowheader")).toHaveCount(7);
  await expect(table.getByRole("rowheader", { name: "OpenAI" })).toHaveCount(0);
  await page.getByRole("group", { name: "Standards" }).getByLabel("ISO/IEC 27017").uncheck();
  await expect(table.locator("tbody button.cell")).toHaveCount(7 * 5);
  await page.getByLabel("Only vendors with a disputed cell").check();
  await expect(table.getByRole("rowheader")).toHaveText(["Cohere"]);
  // A selected cell that gets filtered away closes its detail.
  await page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001/ }).click();
  await expect(page.getByTestId("cell-detail")).toBeVisible();
  await page.getByRole("group", { name: "Standards" }).getByLabel("ISO/IEC 42001").uncheck();
  await expect(table.getByRole("rowheader")).toHaveCount(0);
  await expect(page.getByText("No cell matches these filters")).toBeVisible();
  await expect(page.getByTestId("cell-detail")).toHaveCount(0);
  await page.getByRole("button", { name: "Show everything" }).click();
  await expect(table.locator("tbody button.cell")).toHaveCount(48);
});

test("the dataset's age is counted against today", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-11-23T12:00:00"));
  await openApp(page);
  await expect(page.getByTestId("dataset-age")).toContainText("Public claims as of 5 July 2026 (141 days ago).");
  await expect(page.getByTestId("dataset-age")).toContainText("verify it against the current certificate PDF");
});

test("the page says what it is and that nothing leaves the tab", async ({ page }) => {
  await openApp(page);
  await expect(page.locator("header.site .lede")).toContainText("nothing you type or drop here is sent to any server");
});

test("the filters start closed, so a laptop screen shows several vendors at once", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 900 });
  await openApp(page);
  await expect(page.getByRole("group", { name: "Vendors" })).toBeHidden();
  const table = page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
  const rows = table.getByRole("rowheader");
  let inView = 0;
  for (let i = 0; i < (await rows.count()); i++) {
    const box = await rows.nth(i).boundingBox();
    if (box && box.y + box.height <= 900) inView += 1;
  }
  expect(inView).toBeGreaterThan(1);
  await page.getByText("Filter vendors and standards").click();
  await expect(page.getByRole("group", { name: "Vendors" })).toBeVisible();
});

test("a cell's detail opens under its own row", async ({ page }) => {
  await openApp(page);
  const table = page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
  await page.getByRole("button", { name: /^AWS, ISO\/IEC 42001/ }).click();
  const detail = page.getByTestId("cell-detail");
  await expect(detail).toContainText("AWS · ISO/IEC 42001");
  const aws = await table.getByRole("rowheader", { name: "AWS" }).boundingBox();
  const azure = await table.getByRole("rowheader", { name: "Azure" }).boundingBox();
  const box = await detail.boundingBox();
  // Between AWS's row and the next vendor's.
  expect(box!.y).toBeGreaterThanOrEqual(aws!.y + aws!.height - 1);
  expect(box!.y + box!.height).toBeLessThanOrEqual(azure!.y + 1);
  await expect(page.getByRole("status").filter({ hasText: "AWS, ISO/IEC 42001" })).toHaveCount(1);
  // Another row's cell moves it there.
  await page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001/ }).click();
  await expect(detail).toContainText("Cohere · ISO/IEC 42001");
  const cohere = await table.getByRole("rowheader", { name: "Cohere" }).boundingBox();
  expect((await detail.boundingBox())!.y).toBeGreaterThanOrEqual(cohere!.y + cohere!.height - 1);
  await expect(detail).toHaveCount(1);
});
