// Helpers for the workspace's end-to-end tests: each acts through the page as
// a user would (clicks, typing, selecting). The tests themselves import
// `test` and `expect` from ./fixtures, so the zero-request and CSP checks
// cover every one of them.
import { expect, openApp } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

export const TODAY = new Date("2026-11-23T12:00:00");

/** Opens the app on a fixed "today" and switches to the workspace. */
export async function openWorkspace(page: Page) {
  await page.clock.setFixedTime(TODAY);
  await openApp(page);
  await page.getByRole("button", { name: "Evaluate evidence" }).click();
  await expect(page.getByRole("heading", { name: "Step 1 of 5: Workload and risk tier" })).toBeVisible();
}

const STEP_TITLES = ["Workload and risk tier", "Candidates and products", "Evidence records", "Contract checklist", "Report"];

/** Clicks a step in the step navigation (opening the compact bar of a small screen first). */
export async function goStep(page: Page, n: number) {
  const nav = page.getByRole("navigation", { name: "Evaluation steps" });
  const toggle = nav.locator("#ws-steps-toggle");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await nav.getByRole("button", { name: new RegExp(`^${n} ${STEP_TITLES[n - 1]}`) }).click();
  await expect(page.getByRole("heading", { name: `Step ${n} of 5: ${STEP_TITLES[n - 1]}` })).toBeVisible();
}

/** Sets the risk tier on step 1. */
export async function setTier(page: Page, tier: "Low" | "Regulated" | "EU AI Act high-risk") {
  await goStep(page, 1);
  await page.getByRole("group", { name: "Risk tier" }).getByLabel(new RegExp(`^${tier}`)).check();
}

/** Adds a candidate on step 2 by the option's label ("OpenAI direct", "Claude on Amazon Bedrock"). */
export async function addCandidate(page: Page, option: string) {
  await goStep(page, 2);
  await page.getByLabel("How do you reach the model?").selectOption({ label: option });
  await page.getByRole("button", { name: "Add candidate" }).click();
}

/** Adds a product to a candidate on step 2. */
export async function addProduct(page: Page, cid: string, product: string) {
  await goStep(page, 2);
  await page.locator(`[id="field-${cid}-products-new"]`).fill(product);
  await page.locator(`[id="field-${cid}-products-new-button"]`).click();
}

export function field(page: Page, cid: string, rid: string, name: string): Locator {
  return page.locator(`[id="field-${cid}-${rid}-${name.replace(/\./g, "-")}"]`);
}

/** Adds a record at a layer on step 3 from the template value (`27001:2022`, `soc2`). */
export async function addRecord(page: Page, cid: string, layer: "model" | "platform", template = "27001:2022") {
  await goStep(page, 3);
  await page.locator(`[id="field-${cid}-${layer}-add"]`).selectOption(template);
  await page.locator(`[id="field-${cid}-${layer}-add-button"]`).click();
}

/** Fills a record's fields (text, dates, textareas and selects) on step 3. */
export async function fillRecord(page: Page, cid: string, rid: string, values: Record<string, string>) {
  await goStep(page, 3);
  for (const [name, value] of Object.entries(values)) {
    const el = field(page, cid, rid, name);
    const tag = await el.evaluate((e) => e.tagName);
    if (tag === "SELECT") await el.selectOption(value);
    else await el.fill(value);
  }
}

/** A clean ISO record: every rule passes on 2026-11-23 for a product named in `scope`. */
export function goodIso(holder: string, scope: string, standard = "27001:2022"): Record<string, string> {
  return {
    holder,
    standard,
    certificate_number: "CERT-1",
    certification_body: "Schellman Compliance",
    accreditation_body: "ANAB",
    originally_certified: "2023-01-10",
    issue_date: "2025-01-10",
    expiry_date: "2028-01-09",
    last_surveillance_audit: "2026-01-15",
    scope,
    source: "certificate-pdf",
    last_verified: "2026-11-01",
  };
}

/** The findings of one candidate in the report (step 5). */
export function findings(page: Page, cid: string, rule?: string): Locator {
  const base = page.locator(`section.cand-report[data-candidate="${cid}"] li.finding`);
  return rule ? base.and(page.locator(`[data-rule="${rule}"]`)) : base;
}

export function verdict(page: Page, cid: string): Locator {
  return page.getByTestId(`verdict-${cid}`);
}

/** Answers every contract question of a candidate "yes" on step 4. */
export async function answerAllYes(page: Page, cid: string) {
  await goStep(page, 4);
  const section = page.locator("section.cand-contract").filter({ has: page.locator(`[id^="field-${cid}-contract-"]`) });
  const groups = section.locator("fieldset.contract-item");
  const n = await groups.count();
  for (let i = 0; i < n; i++) await groups.nth(i).getByLabel("Yes", { exact: true }).check();
}
