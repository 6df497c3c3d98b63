// The hand-off documents, end to end: the four exports through their
// buttons (files read back and checked), the contract scanner changing the
// report, and the printed vendor pages (one PDF page per candidate). The
// auto fixture proves no request leaves the origin while doing so.
import { test, expect, axeViolations } from "./fixtures";
import type { Download, Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
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

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SAMPLE = readFileSync(path.join(HERE, "../fixtures/contracts/sample-msa.txt"), "utf8");
const EVIL = '=HYPERLINK("http://evil.example/","click")';

/** Two direct candidates, one named like a spreadsheet formula; on step 5. */
async function fillEvaluation(page: Page) {
  await openWorkspace(page);
  await page.getByLabel("Workload name").fill("Support ticket triage");
  await setTier(page, "Low");
  await addCandidate(page, "OpenAI direct");
  await addCandidate(page, "Anthropic direct");
  await addProduct(page, "openai-direct", "API");
  await addProduct(page, "anthropic-direct", "Claude API");
  await page.locator('[id="field-openai-direct-name"]').fill(EVIL);
  await addRecord(page, "openai-direct", "model");
  await fillRecord(page, "openai-direct", "r1", goodIso("OpenAI OpCo, LLC", "ISMS supporting the OpenAI API platform"));
  await addRecord(page, "anthropic-direct", "model");
  await fillRecord(page, "anthropic-direct", "r1", goodIso("Anthropic, PBC", "ISMS supporting the Claude API and Claude.ai"));
  await answerAllYes(page, "openai-direct");
  await goStep(page, 5);
  await expect(page.getByRole("heading", { name: "Hand-off documents" })).toBeVisible();
}

async function save(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: button }).click(),
  ]);
  const d: Download = download;
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: readFileSync(file) };
}

test("exports: CSV, Markdown, JSON report and calendar, through the buttons", async ({ page }) => {
  test.setTimeout(90_000);
  await fillEvaluation(page);

  const csv = await save(page, "Decision matrix (CSV)");
  expect(csv.name).toBe("scopewise-decision-matrix-2026-11-23.csv");
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const csvText = csv.bytes.toString("utf8").slice(1);
  expect(csvText).toContain("\r\n");
  const lines = csvText.trim().split("\r\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toContain("Candidate,Candidate id,Verdict");
  // The formula is neutralised (and quoted: it holds quotes and a comma).
  expect(lines[1].startsWith(`"'=HYPERLINK(`)).toBe(true);
  expect(lines[1]).toContain("openai-direct");
  expect(lines[2]).toContain("anthropic-direct");

  const md = await save(page, "Decision matrix (Markdown)");
  expect(md.name).toBe("scopewise-decision-matrix-2026-11-23.md");
  const mdText = md.bytes.toString("utf8");
  expect(mdText).toContain("# Decision matrix: Support ticket triage");
  expect(mdText).toMatch(/\| Candidate \| Candidate id \| Verdict \|/);
  expect(mdText).toContain("anthropic-direct");

  const json = await save(page, "Report (JSON)");
  expect(json.name).toBe("scopewise-report-2026-11-23.json");
  const report = JSON.parse(json.bytes.toString("utf8"));
  expect(report.format).toBe(1);
  expect(report.evaluation_date).toBe("2026-11-23");
  expect(report.candidates.map((c: { candidate: string }) => c.candidate)).toEqual(["openai-direct", "anthropic-direct"]);
  const shown = await verdict(page, "anthropic-direct").textContent();
  expect(shown ?? "").toContain(report.candidates[1].verdict.replace("-", " ").replace("-", " "));

  const ics = await save(page, "Calendar (.ics)");
  expect(ics.name).toBe("scopewise-calendar-2026-11-23.ics");
  const icsText = ics.bytes.toString("utf8");
  expect(icsText.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  expect(icsText.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  expect(icsText).toContain("DTSTART;VALUE=DATE:20280109"); // the certificates' expiry
  expect(icsText).toContain("TRIGGER:-P14D");
  for (const line of icsText.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  const events = icsText.split("BEGIN:VEVENT").length - 1;
  await expect(page.getByTestId("timeline").locator("li.event")).toHaveCount(events);
  await expect(page.getByTestId("documents-status")).toContainText("Saved scopewise-calendar-2026-11-23.ics");
});

test("contract scanner: paste, find passages, use a proposal, the report changes", async ({ page }) => {
  test.setTimeout(90_000);
  await fillEvaluation(page);
  await expect(findings(page, "anthropic-direct", "contract.zdr-window")).toHaveCount(1);
  await page.getByLabel("Contract of").selectOption("anthropic-direct");
  const panel = page.locator('.scan-panel[data-candidate="anthropic-direct"]');
  await panel.getByLabel("Contract text").fill(SAMPLE);
  await panel.getByRole("button", { name: "Find passages" }).click();
  await expect(panel.locator("li.proposal")).toHaveCount(8);
  const zdr = panel.locator('li.proposal[data-item="zdr_window"]');
  await expect(zdr).toHaveAttribute("data-answer", "yes");
  await expect(zdr.locator("blockquote")).toContainText("thirty (30) days");
  await expect(panel.getByTestId("vague-list")).toContainText("commercially reasonable");
  // Proposals, and the vendor pages on screen, are accessible.
  await page.getByRole("button", { name: "Show the vendor pages" }).click();
  await expect(page.getByTestId("vendor-pages").locator("article.vendor-page")).toHaveCount(2);
  expect(await axeViolations(page)).toEqual([]);
  await zdr.getByRole("button", { name: /^Use this answer/ }).click();
  await expect(zdr).toContainText("Now: yes");
  await expect(findings(page, "anthropic-direct", "contract.zdr-window")).toHaveCount(0);
  // Every proposal accepted: only the vague-wording item stays (it is "no").
  for (const b of await panel.getByRole("button", { name: /^Use this answer/ }).all()) await b.click();
  await expect(findings(page, "anthropic-direct", "contract.no-industry-standard-wording")).toHaveCount(1);
  await expect(findings(page, "anthropic-direct", "contract.lapse-notice")).toHaveCount(0);
  // The contract step shows the answers taken from the contract.
  await goStep(page, 4);
  await expect(page.locator('[id="field-anthropic-direct-contract-zdr_window"]')).toBeChecked();
});

test("print: one page per vendor, with its name and verdict", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  await page.addInitScript(() => {
    (window as unknown as { __printed: number }).__printed = 0;
    window.print = () => {
      (window as unknown as { __printed: number }).__printed += 1;
    };
  });
  await fillEvaluation(page);
  await page.getByRole("button", { name: "Print one page per vendor" }).click();
  expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4" });
  const file = testInfo.outputPath("vendors.pdf");
  writeFileSync(file, pdf);
  const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  expect(pages).toBe(2);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  const perPage = text.split("\f").filter((p) => p.trim() !== "");
  expect(perPage).toHaveLength(2);
  for (const [i, cid] of ["openai-direct", "anthropic-direct"].entries()) {
    const v = (await verdict(page, cid).textContent()) ?? "";
    const label = ["meets policy", "conditional", "fails policy"].find((l) => v.includes(l));
    expect(label).toBeTruthy();
    expect(perPage[i]).toContain(label as string);
  }
  expect(perPage[0]).toContain("=HYPERLINK");
  expect(perPage[1]).toContain("Anthropic");
  // No UI chrome in print.
  expect(text).not.toContain("Find passages");
  expect(text).not.toContain("Evaluation steps");
  if (process.env.KEEP_PDF) writeFileSync(process.env.KEEP_PDF, pdf);
});

test("the browser's own Print on the report gives each vendor its own sheets, a second only when its failures and warnings need it", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  await openWorkspace(page);
  await page.getByTestId("import-file").setInputFiles(path.join(HERE, "../../examples/evaluation.json"));
  await expect(page.getByTestId("library-notice")).toContainText("Imported");
  await goStep(page, 5);
  // No button: page.pdf() prints as the browser's Print menu does.
  await page.emulateMedia({ media: "print" });
  for (const format of ["A4", "Letter"] as const) {
    const file = testInfo.outputPath(`own-print-${format}.pdf`);
    writeFileSync(file, await page.pdf({ format }));
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    // Two vendors: at least a sheet each, at most two each.
    expect(pages, format).toBeGreaterThanOrEqual(2);
    expect(pages, format).toBeLessThanOrEqual(4);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const sheets = text.split("\f").filter((t) => t.trim() !== "");
    expect(sheets.length, format).toBe(pages);
    // OpenAI starts on a sheet of its own: none before it names it, and the
    // sheets before it hold the whole of Claude on Bedrock.
    const openai = sheets.findIndex((t) => t.includes("OpenAI API (direct)"));
    expect(openai, format).toBeGreaterThanOrEqual(1);
    const before = sheets.slice(0, openai).join("\n");
    expect(sheets[0]).toContain("Claude on Amazon Bedrock");
    expect(before).toContain("EXAMPLE-1859-42001");
    expect(before).not.toContain("OpenAI API (direct)");
    expect(sheets.slice(openai).join("\n")).not.toContain("Claude on Amazon Bedrock");
    expect(text).not.toContain("Your evaluations");
  }
});

test("the print of a vendor with twenty findings shows every failure and warning", async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  // The example evaluation, with OpenAI's evidence and contract left in a poor state.
  const e = JSON.parse(readFileSync(path.join(HERE, "../../examples/evaluation.json"), "utf8"));
  const openai = e.candidates.find((c: { id: string }) => c.id === "openai-direct");
  openai.contract = {};
  for (const r of openai.records) r.last_verified = "2026-01-02";
  const rec = (id: string) => openai.records.find((r: { id: string }) => r.id === id);
  rec("openai-27001").accreditation_body = "International Accreditation Council";
  rec("openai-27001").last_surveillance_audit = "2025-06-01";
  rec("openai-27001").expiry_date = "2026-12-20";
  const file = testInfo.outputPath("twenty-findings.json");
  writeFileSync(file, JSON.stringify(e));

  await openWorkspace(page);
  await page.getByTestId("import-file").setInputFiles(file);
  await expect(page.getByTestId("library-notice")).toContainText("Imported");
  await goStep(page, 5);
  const all = findings(page, "openai-direct");
  expect(await all.count()).toBeGreaterThanOrEqual(20);
  // The failures and warnings, as the report on screen words them.
  const severe = await page
    .locator('section.cand-report[data-candidate="openai-direct"] section.findings:is([data-severity="fail"], [data-severity="warn"]) .finding-text')
    .allTextContents();
  expect(severe.length).toBeGreaterThan(10);

  await page.emulateMedia({ media: "print" });
  const pdfFile = testInfo.outputPath("twenty.pdf");
  writeFileSync(pdfFile, await page.pdf({ format: "A4" }));
  const text = execFileSync("pdftotext", [pdfFile, "-"], { encoding: "utf8" });
  const flat = text.replace(/\s+/g, " ");
  // pdftotext joins a word broken at a line's end and drops its hyphen
  // ("2026-11-" + "23" reads "2026-1123"): compare without spaces or hyphens.
  const bare = (t: string) => t.replace(/[\s\u00ad-]+/g, "");
  for (const m of severe) expect(bare(text), m).toContain(bare(m));
  // What the page leaves out is said, and is never a failure or a warning.
  expect(flat).not.toContain("more finding(s)");
  // OpenAI's page (Claude on Bedrock's comes first and says its own).
  const openaiPart = flat.slice(flat.indexOf("OpenAI API (direct)"));
  const leftOut = /Left out for space: (\d+) information findings?, none of them a failure or a warning/.exec(openaiPart);
  const info = await page.locator('section.cand-report[data-candidate="openai-direct"] section.findings[data-severity="info"] li.finding').count();
  if (leftOut) expect(Number(leftOut[1])).toBeLessThanOrEqual(info);
  // The other vendor still starts on a sheet of its own.
  const sheets = text.split("\f").filter((p) => p.trim() !== "");
  expect(sheets.some((s) => s.trimStart().startsWith("Scopewise") && s.includes("Claude on Amazon Bedrock"))).toBe(true);
});
