// Each family of POLICY.md's rules, reached end to end: the data is entered
// as a user would, and the finding appears in the report (step 5).
import { test, expect } from "./fixtures";
import {
  openWorkspace,
  goStep,
  setTier,
  addCandidate,
  addProduct,
  addRecord,
  fillRecord,
  goodIso,
  findings,
  verdict,
  answerAllYes,
} from "./workspace-helpers";

const C = "openai-direct";

/** Low tier, OpenAI direct, used for its API. */
async function lowOpenAI(page: import("@playwright/test").Page) {
  await openWorkspace(page);
  await setTier(page, "Low");
  await addCandidate(page, "OpenAI direct");
  await addProduct(page, C, "API");
}

test("tier.* and evidence.*: missing, public claim only, weak source, portal page", async ({ page }) => {
  test.setTimeout(60_000);
  await lowOpenAI(page);
  await goStep(page, 5);
  await expect(findings(page, C, "tier.required-missing")).toContainText("the low tier requires ISO/IEC 27001 or SOC 2 Type II at the model layer");
  await expect(verdict(page, C)).toContainText("fails policy");

  await goStep(page, 3);
  await page.locator(`[id="field-${C}-model-prefill"]`).click();
  await goStep(page, 5);
  await expect(findings(page, C, "tier.required-missing")).toHaveCount(0);
  await expect(findings(page, C, "tier.public-claim-only")).toContainText("rests only on the public matrix's claim");

  // The user reads the PDF… from a marketing page.
  await fillRecord(page, C, "r1", { ...goodIso("OpenAI", "OpenAI API"), source: "marketing-page" });
  await goStep(page, 5);
  const weak = findings(page, C, "evidence.weak-source");
  await expect(weak).toContainText("rests on a marketing page");
  await expect(weak).toContainText("fail");
  await expect(findings(page, C, "tier.public-claim-only")).toHaveCount(0);

  await fillRecord(page, C, "r1", { source: "trust-portal-page" });
  await goStep(page, 5);
  await expect(findings(page, C, "evidence.weak-source")).toHaveCount(0);
  await expect(findings(page, C, "evidence.portal-page-only")).toContainText("trust-portal page");
});

test("cert.*: expired, not yet valid, expiring soon, before contract end, cycle, surveillance, withdrawn edition, no body, look-alike accreditation", async ({ page }) => {
  test.setTimeout(120_000);
  await lowOpenAI(page);
  await goStep(page, 1);
  await page.getByLabel("Contract end date").fill("2029-01-01");
  const defects: [string, Record<string, string>, string, RegExp | string][] = [
    ["r1", { expiry_date: "2026-10-01" }, "cert.expired", "expired on 2026-10-01, before the evaluation date 2026-11-23"],
    ["r2", { issue_date: "2027-01-01" }, "cert.not-yet-valid", "2027-01-01"],
    ["r3", { expiry_date: "2027-01-15" }, "cert.expiring-soon", "2027-01-15"],
    ["r4", { issue_date: "2024-01-10" }, "cert.cycle-too-long", "2024-01-10"],
    ["r5", { last_surveillance_audit: "2025-06-01" }, "cert.surveillance-overdue", "2025-06-01"],
    ["r6", { standard: "27001:2013" }, "cert.withdrawn-edition", "27001:2013"],
    ["r7", { certification_body: "" }, "cert.no-certification-body", "names no certification body"],
    ["r8", { accreditation_body: "International Accreditation Council" }, "cert.unrecognised-accreditation", "International Accreditation Council"],
  ];
  for (const [rid, defect] of defects) {
    await addRecord(page, C, "model");
    // Each its own certificate number: findings name a record by it.
    await fillRecord(page, C, rid, { ...goodIso("OpenAI", "OpenAI API"), certificate_number: `CERT-${rid}`, ...defect });
  }
  await goStep(page, 5);
  for (const [rid, , rule, words] of defects) {
    const f = findings(page, C, rule).filter({ hasText: `“CERT-${rid}”` });
    await expect(f, rule).toHaveCount(1);
    await expect(f, rule).toContainText(words);
  }
  // Expiry 2028-01-09 is before the contract end 2029-01-01.
  await expect(findings(page, C, "cert.expires-before-contract-end").filter({ hasText: "“CERT-r8”" })).toContainText("2029-01-01");
  // The look-alike body is not on the recognised list, while ANAB is.
  await expect(findings(page, C, "cert.unrecognised-accreditation")).toHaveCount(1);
  // The finding leads to its field.
  await findings(page, C, "cert.expired").getByRole("button", { name: /^Go to the field/ }).click();
  await expect(page.locator(`[id="field-${C}-r1-expiry_date"]`)).toBeFocused();
});

test("scope.*: a product outside the scope, confirmed by hand; a record with no scope", async ({ page }) => {
  test.setTimeout(60_000);
  await lowOpenAI(page);
  await addProduct(page, C, "fine-tuning");
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r1", goodIso("OpenAI", "ISMS supporting the OpenAI API"));
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r2", { ...goodIso("OpenAI", ""), standard: "27701:2019" });
  await goStep(page, 5);
  const notNamed = findings(page, C, "scope.product-not-named").filter({ hasText: "“fine-tuning”" }).filter({ hasText: "27001" });
  await expect(notNamed).toContainText("is not named in the scope statement");
  await expect(notNamed).toContainText("fail");
  await expect(findings(page, C, "scope.missing-statement").filter({ hasText: "27701" })).toHaveCount(1);

  // Confirm the match by hand, with a note: the finding then says so.
  const confirmBox = notNamed.getByLabel("How you confirmed that the scope covers “fine-tuning”");
  await notNamed.getByRole("button", { name: /^Confirm by hand/ }).click();
  await expect(notNamed.locator(".field-msg")).toContainText("say how you confirmed the match");
  await confirmBox.fill("OpenAI security team, e-mail of 2026-11-20: fine-tuning runs on the API platform in scope");
  await notNamed.getByRole("button", { name: /^Confirm by hand/ }).click();
  const confirmed = findings(page, C, "scope.product-not-named").filter({ hasText: "confirmed by hand" });
  await expect(confirmed).toContainText("OpenAI security team");
  await expect(confirmed).toContainText("information");
  await goStep(page, 3);
  await expect(page.locator("ul.confirmations")).toContainText("fine-tuning");
});

test("evidence.holder-mismatch: another company's certificate fails; an affiliate is confirmed by hand; an old and a current certificate of the vendor pass", async ({ page }) => {
  test.setTimeout(90_000);
  await lowOpenAI(page);
  await answerAllYes(page, C);
  // The trial's case: the only 27001 record names another company.
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r1", goodIso("Kinde Australia Pty Ltd", "OpenAI API"));
  await goStep(page, 5);
  const foreign = findings(page, C, "evidence.holder-mismatch");
  await expect(foreign).toHaveCount(1);
  await expect(foreign).toContainText("“Kinde Australia Pty Ltd”");
  await expect(foreign).toContainText("fail");
  await expect(verdict(page, C)).toContainText("fails policy");

  // A group company the vendor list does not name: confirmed by hand, with a note.
  await fillRecord(page, C, "r1", { holder: "OpenAI Global, LLC" });
  await goStep(page, 5);
  const affiliate = findings(page, C, "evidence.holder-mismatch");
  await expect(affiliate).toContainText("“OpenAI Global, LLC”");
  await expect(verdict(page, C)).toContainText("fails policy");
  await affiliate.getByRole("button", { name: /^Confirm by hand/ }).click();
  await expect(affiliate.locator(".field-msg")).toContainText("say how you confirmed");
  await affiliate.getByLabel(/^How you confirmed that “OpenAI Global, LLC”/).fill("OpenAI's trust portal lists OpenAI Global, LLC as the contracting entity, 2026-11-20");
  await affiliate.getByRole("button", { name: /^Confirm by hand/ }).click();
  const confirmed = findings(page, C, "evidence.holder-mismatch");
  await expect(confirmed).toContainText("confirmed by hand");
  await expect(confirmed).toContainText("information");
  await expect(verdict(page, C)).toHaveText("✓ meets policy");
  await goStep(page, 3);
  await expect(page.locator("ul.confirmations")).toContainText("OpenAI Global, LLC");

  // The vendor's own name, and an older certificate of the same standard
  // beside the current one: the old one is history, the requirement holds.
  await fillRecord(page, C, "r1", { holder: "OpenAI OpCo, LLC" });
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r2", {
    ...goodIso("OpenAI OpCo, LLC", "OpenAI API"),
    certificate_number: "CERT-0",
    originally_certified: "2019-01-10",
    issue_date: "2022-01-10",
    expiry_date: "2025-01-09",
    last_surveillance_audit: "2024-01-15",
  });
  await goStep(page, 5);
  await expect(findings(page, C, "evidence.holder-mismatch")).toHaveCount(0);
  await expect(findings(page, C).filter({ hasText: "superseded by" }).first()).toContainText("information");
  await expect(verdict(page, C)).toHaveText("✓ meets policy");
});

test("layer.*: a hosted path's model layer held up only by the platform's certificate", async ({ page }) => {
  test.setTimeout(60_000);
  await openWorkspace(page);
  await setTier(page, "EU AI Act high-risk");
  await addCandidate(page, "Claude on Amazon Bedrock");
  const c = "claude-on-bedrock";
  await addProduct(page, c, "Claude");
  await addRecord(page, c, "model");
  await fillRecord(page, c, "r1", goodIso("Amazon Web Services, Inc.", "Amazon Bedrock"));
  await goStep(page, 5);
  const inherited = findings(page, c, "layer.inherited-only");
  await expect(inherited).toContainText("held by the platform (Amazon Web Services)");
  await expect(inherited).toContainText("fail");
  await expect(findings(page, c, "layer.customer-aims")).toContainText("your own AI management system");
  await expect(verdict(page, c)).toContainText("fails policy");
});

test("contract.* on a hosted path: one checklist for both, then a checklist per contract, each labelled", async ({ page }) => {
  test.setTimeout(90_000);
  await openWorkspace(page);
  await setTier(page, "EU AI Act high-risk");
  await addCandidate(page, "Claude on Amazon Bedrock");
  const c = "claude-on-bedrock";
  await goStep(page, 4);
  await expect(page.getByRole("heading", { name: /the platform agreement \(Amazon Web Services\)/ })).toBeVisible();
  // Until the model vendor's terms have a checklist, the one checklist stands for both.
  await goStep(page, 5);
  const zdr = findings(page, c, "contract.zdr-window");
  await expect(zdr).toHaveCount(1);
  await expect(zdr).toContainText("in the platform agreement (Amazon Web Services)");
  await goStep(page, 4);
  await page.getByRole("button", { name: /^Add a checklist for the model vendor's terms \(Anthropic\)/ }).click();
  const terms = page.locator("section.cand-contract").filter({ has: page.getByRole("heading", { name: /the model vendor's terms \(Anthropic\)/ }) });
  await expect(terms.locator("fieldset.contract-item")).toHaveCount(8);
  await terms.locator("fieldset.contract-item[data-item=zdr_window]").getByLabel("Yes", { exact: true }).check();
  await goStep(page, 5);
  await expect(zdr).toHaveCount(1);
  await expect(zdr).toContainText("in the platform agreement (Amazon Web Services)");
  const lapse = findings(page, c, "contract.lapse-notice");
  await expect(lapse).toHaveCount(2);
  await expect(lapse.filter({ hasText: "in the model vendor's terms (Anthropic)" })).toContainText("fail");
  // A finding about the model vendor's terms leads to its own checklist.
  await lapse.filter({ hasText: "in the model vendor's terms (Anthropic)" }).getByRole("button", { name: /^Go to the field/ }).click();
  await expect(page.locator(":focus")).toHaveAttribute("id", `field-${c}-model_terms-lapse_notice`);
});

test("ai.no-42001-timeline: none, then a written public timeline", async ({ page }) => {
  test.setTimeout(60_000);
  await openWorkspace(page);
  await addCandidate(page, "Mistral AI direct");
  const c = "mistral-ai-direct";
  await goStep(page, 5);
  const f = findings(page, c, "ai.no-42001-timeline");
  await expect(f).toContainText("there is no ISO/IEC 42001 evidence from Mistral AI, and no written public timeline");
  await expect(f).toContainText("warning");
  await goStep(page, 3);
  await page.locator(`[id="field-${c}-ai_timeline"]`).fill("mistral.ai/security: ISO/IEC 42001 certification planned");
  await page.locator(`[id="field-${c}-ai_timeline-target_date"]`).fill("2027-06-30");
  await goStep(page, 5);
  await expect(findings(page, c, "ai.no-42001-timeline")).toHaveCount(0);
  // A target date that has passed counts as none.
  await goStep(page, 3);
  await page.locator(`[id="field-${c}-ai_timeline-target_date"]`).fill("2026-06-30");
  await goStep(page, 5);
  await expect(findings(page, c, "ai.no-42001-timeline")).toContainText("has passed");
});

test("soc2.*: a stale Type I report with a long bridge letter", async ({ page }) => {
  test.setTimeout(60_000);
  await lowOpenAI(page);
  await addRecord(page, C, "model", "soc2");
  await fillRecord(page, C, "r1", {
    holder: "OpenAI",
    "soc2.type": "I",
    "soc2.auditor": "A-LIGN",
    "soc2.period_start": "2024-01-01",
    "soc2.period_end": "2024-12-31",
    "soc2.report_date": "2025-02-15",
    "soc2.bridge_letter_end": "2025-12-31",
    scope: "OpenAI API",
    source: "audit-report",
    last_verified: "2026-11-01",
  });
  await goStep(page, 5);
  await expect(findings(page, C, "soc2.type1-only")).toContainText("only a SOC 2 Type I report");
  await expect(findings(page, C, "soc2.stale")).toContainText("ended on 2024-12-31");
  await expect(findings(page, C, "soc2.bridge-too-long")).toContainText("2025-12-31");
});

test("verify.stale and claim.model-certified", async ({ page }) => {
  test.setTimeout(60_000);
  await lowOpenAI(page);
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r1", { ...goodIso("OpenAI", "OpenAI API"), last_verified: "2026-06-01", notes: "Sales says: our model is ISO 42001 certified" });
  await goStep(page, 5);
  await expect(findings(page, C, "verify.stale")).toContainText("last verified on 2026-06-01");
  await expect(findings(page, C, "claim.model-certified")).toContainText("ISO certifies management systems, never a model");
  await expect(verdict(page, C)).toContainText("conditional");
});

test("contract.*: unknown and no answers are findings; yes clears them", async ({ page }) => {
  test.setTimeout(60_000);
  await lowOpenAI(page);
  await addRecord(page, C, "model");
  await fillRecord(page, C, "r1", goodIso("OpenAI", "OpenAI API"));
  await goStep(page, 5);
  await expect(page.locator(`section.cand-report[data-candidate="${C}"] li.finding[data-rule^="contract."]`)).not.toHaveCount(0);
  await answerAllYes(page, C);
  const zdr = page.locator("fieldset.contract-item[data-item=zdr_window]");
  await zdr.getByLabel("No", { exact: true }).check();
  await zdr.getByLabel(/^Note/).fill("order form v2 has no ZDR clause");
  await goStep(page, 5);
  await expect(page.locator(`section.cand-report[data-candidate="${C}"] li.finding[data-rule^="contract."]`)).toHaveCount(1);
  await expect(findings(page, C, "contract.zdr-window")).toHaveCount(1);
  await expect(verdict(page, C)).toContainText("conditional");
  await findings(page, C, "contract.zdr-window").getByRole("button", { name: /^Go to the field/ }).click();
  await expect(page.getByRole("heading", { name: "Step 4 of 5: Contract checklist" })).toBeVisible();
  await expect(page.locator(":focus")).toHaveAttribute("id", `field-${C}-contract-zdr_window`);
  await zdr.getByLabel("Yes", { exact: true }).check();
  await goStep(page, 5);
  await expect(verdict(page, C)).toHaveText("✓ meets policy");
  // For a high-risk workload, an open contract item fails.
  await setTier(page, "EU AI Act high-risk");
  await goStep(page, 4);
  await zdr.getByLabel("Unknown", { exact: true }).check();
  await goStep(page, 5);
  await expect(findings(page, C, "contract.zdr-window")).toContainText("fail");
});
