// Reading a certificate PDF in the tab: the reader's module is fetched only
// when the first PDF is dropped, runs in a worker, and every field it reads
// is shown with its source text and must be checked before the record joins
// the evaluation. The fixture's zero-request check covers every test here.
import { existsSync, readFileSync } from "node:fs";
import { crc32 } from "node:zlib";
import { test, expect, axeViolations } from "./fixtures";
import type { Page } from "@playwright/test";
import { addCandidate, goStep, openWorkspace } from "./workspace-helpers";

const FIXTURES = new URL("../fixtures/pdf/", import.meta.url);
const pdf = (name: string) => readFileSync(new URL(name, FIXTURES));

/** Drops a file on a drop zone, as dragging it from the desktop does. */
async function dropFile(page: Page, testid: string, name: string, bytes: Buffer, type = "application/pdf") {
  const data = await page.evaluateHandle(
    ([name, b64, type]) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    [name, bytes.toString("base64"), type],
  );
  const zone = page.getByTestId(testid).first();
  await zone.dispatchEvent("dragover", { dataTransfer: data });
  await zone.dispatchEvent("drop", { dataTransfer: data });
}

async function toEvidence(page: Page) {
  await openWorkspace(page);
  await addCandidate(page, "OpenAI direct");
  await goStep(page, 3);
}

function fetchedFiles(page: Page): string[] {
  const seen: string[] = [];
  page.context().on("request", (r) => seen.push(new URL(r.url()).pathname.split("/").pop() ?? ""));
  return seen;
}

test("the first visit fetches neither the workspace nor the PDF reader; each comes when first needed", async ({ page }) => {
  const seen = fetchedFiles(page);
  await toEvidence(page);
  expect(seen.some((f) => f.startsWith("scopewise-work"))).toBe(true);
  expect(seen.filter((f) => f.includes("pdf"))).toEqual([]);
  await dropFile(page, "pdf-drop-model", "notes.pdf", Buffer.from("Just some notes, not a PDF at all.\n"));
  await expect(page.getByTestId("pdf-refused")).toBeVisible();
  expect(seen).toContain("pdf-worker.js");
  expect(seen).toContain("scopewise-pdf_bg.wasm");
});

const CID = "openai-direct";
const reviewField = (page: Page, name: string) => page.locator(`[id="field-${CID}-model-pdf-${name}"]`);

/** Checks every field of the review, as a user ticks each box. */
async function confirmAll(page: Page) {
  const review = page.getByTestId("pdf-review");
  const boxes = review.getByRole("checkbox");
  const n = await boxes.count();
  for (let i = 0; i < n; i++) await boxes.nth(i).check();
  await expect(review.getByTestId("pdf-left")).toHaveText("Every field is checked.");
}

test("one-page certificate with a scope annex: dropped, checked field by field, added as a certificate-PDF record", async ({ page }) => {
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "meridian-certificate.pdf", pdf("one-page-with-annex.pdf"));
  const review = page.getByTestId("pdf-review");
  await expect(review).toContainText("2 pages read");
  await expect(review).toContainText("no longer held");
  await expect(reviewField(page, "standard")).toHaveValue("27001:2022");
  await expect(reviewField(page, "certificate_number")).toHaveValue("MA-ISMS-240514");
  await expect(reviewField(page, "holder")).toHaveValue("Northwind Analytics Ltd");
  await expect(reviewField(page, "certification_body")).toHaveValue("Meridian Assurance Ltd");
  await expect(reviewField(page, "accreditation_body")).toHaveValue("United Kingdom Accreditation Service");
  await expect(reviewField(page, "originally_certified")).toHaveValue("2021-03-02");
  await expect(reviewField(page, "issue_date")).toHaveValue("2024-05-14");
  await expect(reviewField(page, "expiry_date")).toHaveValue("2027-05-13");
  await expect(reviewField(page, "scope")).toHaveValue(/Northwind consumer mobile application\.$/);
  // Each field is marked and shows where it came from.
  const holder = review.locator('[data-field="holder"]');
  await expect(holder).toContainText("read from the PDF");
  await expect(holder.locator("blockquote")).toContainText("certify that");
  await expect(review.locator('[data-field="scope"] blockquote')).toContainText("Scope (continued)");
  expect(await page.getByTestId("pdf-missing").count()).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  // Nothing joins the evaluation until every field is checked.
  const add = review.getByRole("button", { name: "Add this record" });
  await expect(add).toBeDisabled();
  await expect(review.getByTestId("pdf-left")).toContainText("fields left to check");
  await confirmAll(page);
  // A correction un-checks the field until it is checked again.
  await reviewField(page, "holder").fill("Northwind Analytics Limited");
  await expect(add).toBeDisabled();
  await review.locator('[data-field="holder"]').getByRole("checkbox").check();
  await add.click();
  await expect(review).toHaveCount(0);
  const record = (name: string) => page.locator(`[id="field-${CID}-r1-${name}"]`);
  await expect(record("holder")).toHaveValue("Northwind Analytics Limited");
  await expect(record("expiry_date")).toHaveValue("2027-05-13");
  await expect(record("source")).toHaveValue("certificate-pdf");
  await expect(record("notes")).toHaveValue(/Read from the certificate PDF “meridian-certificate\.pdf” in this tab/);
  await expect(page.getByRole("status").filter({ hasText: "Added record r1 from the certificate PDF." })).toBeVisible();
});

test("two-column layout drawn out of order reads in the right order", async ({ page }) => {
  await toEvidence(page);
  await page.getByLabel("Read a certificate PDF for the model layer").setInputFiles({
    name: "two-column.pdf", mimeType: "application/pdf", buffer: pdf("two-column.pdf"),
  });
  await expect(page.getByTestId("pdf-review")).toBeVisible();
  await expect(reviewField(page, "holder")).toHaveValue("Brightfield Data GmbH");
  await expect(reviewField(page, "certificate_number")).toHaveValue("AZ-27K-0099-24");
  await expect(reviewField(page, "expiry_date")).toHaveValue("2027-05-13");
  await expect(page.getByTestId("pdf-review").locator('[data-field="expiry_date"] blockquote')).toContainText("Valid until");
});

test("27001 certificate naming 27017 and 27018 in its statement of applicability", async ({ page }) => {
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "bluecrest.pdf", pdf("soa-27017-27018.pdf"));
  await expect(reviewField(page, "standard")).toHaveValue("27001:2022");
  await expect(reviewField(page, "certification_body")).toHaveValue("Bluecrest Registrar Inc.");
  await expect(reviewField(page, "accreditation_body")).toHaveValue("International Accreditation Service");
  await expect(reviewField(page, "issue_date")).toHaveValue("2024-05-14");
  const also = page.getByTestId("pdf-also-named");
  await expect(also).toContainText("27017:2015");
  await expect(also).toContainText("27018:2019");
  await expect(also).toContainText("not separate certificates");
});

test("42001 certificate: a two-byte font, and an ambiguous date is flagged, never silently trusted", async ({ page }) => {
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "42001.pdf", pdf("iso42001.pdf"));
  await expect(reviewField(page, "standard")).toHaveValue("42001:2023");
  await expect(reviewField(page, "issue_date")).toHaveValue("2024-05-14");
  await expect(page.getByTestId("pdf-review").locator(".pdf-note")).toContainText(/either way round|ambiguous|day and month/i);
});

test("a certificate without recognised accreditation: the body is shown with a warning; fields not found are listed", async ({ page }) => {
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "sterling.pdf", pdf("not-accredited.pdf"));
  await expect(reviewField(page, "standard")).toHaveValue("27001:2013");
  await expect(reviewField(page, "accreditation_body")).toHaveValue("the Global Management Systems Accreditation Forum (GMSAF)");
  await expect(page.getByTestId("pdf-review").locator('[data-field="accreditation_body"]')).toContainText("not on the recognised list");
  const missing = page.getByTestId("pdf-missing");
  await expect(missing).toContainText("Originally certified");
  await expect(missing).toContainText("Last surveillance audit");
  await confirmAll(page);
  await page.getByRole("button", { name: "Add this record" }).click();
  // The missing fields stay empty, and the report judges what was read.
  await expect(page.locator(`[id="field-${CID}-r1-originally_certified"]`)).toHaveValue("");
  await expect(page.locator(`[id="field-${CID}-r1-holder"]`)).toHaveValue("Orchid Vector Ltd");
});

test("a PDF encrypted with the empty password reads like any other", async ({ page }) => {
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "locked-lightly.pdf", pdf("encrypted-empty-password.pdf"));
  await expect(reviewField(page, "holder")).toHaveValue("Orchid Vector Ltd");
  await expect(reviewField(page, "certificate_number")).toHaveValue("SCG-5521");
});

test("a scan: text recognition is offered first; declining gives its own message", async ({ page }) => {
  await toEvidence(page);
  await page.locator(`[id="field-${CID}-model-pdf"]`).setInputFiles({ name: "scan.pdf", mimeType: "application/pdf", buffer: pdf("scan.pdf") });
  const ask = page.getByTestId("pdf-ask-ocr");
  await expect(ask).toContainText("This PDF is a scanned image. Read it in this tab with text recognition?");
  await ask.getByRole("button", { name: "No, I will type the fields in" }).click();
  const refused = page.getByTestId("pdf-refused");
  await expect(refused).toHaveAttribute("data-kind", "scan");
  await expect(refused).toContainText(/image/i);
});

for (const [file, kind, words] of [
  ["password.pdf", "password", /password/i],
  ["not-a-pdf.pdf", "not_pdf", /not a PDF/i],
] as const) {
  test(`${file}: its own message, and the work stays`, async ({ page }) => {
    await toEvidence(page);
    await page.locator(`[id="field-${CID}-model-pdf"]`).setInputFiles({ name: file, mimeType: "application/pdf", buffer: pdf(file) });
    const refused = page.getByTestId("pdf-refused");
    await expect(refused).toHaveAttribute("data-kind", kind);
    await expect(refused).toContainText(`“${file}”`);
    await expect(refused).toContainText(words);
    await expect(page.getByRole("heading", { name: "Step 3 of 5: Evidence records" })).toBeVisible();
    // The same zone reads the next file.
    await dropFile(page, "pdf-drop-model", "one.pdf", pdf("one-page-with-annex.pdf"));
    await expect(page.getByTestId("pdf-review")).toBeVisible();
    await expect(refused).toHaveCount(0);
  });
}

test("an oversized file is refused before it is read", async ({ page }) => {
  const seen = fetchedFiles(page);
  await toEvidence(page);
  await page.locator(`[id="field-${CID}-model-pdf"]`).setInputFiles({
    name: "huge.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(26 * 1024 * 1024, 0x20),
  });
  const refused = page.getByTestId("pdf-refused");
  await expect(refused).toHaveAttribute("data-kind", "too_large");
  await expect(refused).toContainText("26.0 MB");
  await expect(refused).toContainText("up to 25 MB");
  // Refused by size alone: the reader was not even fetched.
  expect(seen.filter((f) => f.includes("pdf"))).toEqual([]);
});

test("a PDF dropped beside the drop zones is not opened in place of the app", async ({ page }) => {
  await toEvidence(page);
  // The browser opens a dropped file in place of the page unless the drop
  // is cancelled: the app cancels drops anywhere, and reads none of them.
  const cancelled = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([0x25, 0x50, 0x44, 0x46])], "stray.pdf", { type: "application/pdf" }));
    const target = document.querySelector("header.site")!;
    return ["dragover", "drop"].map((type) => {
      const ev = new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true });
      target.dispatchEvent(ev);
      return ev.defaultPrevented;
    });
  });
  expect(cancelled).toEqual([true, true]);
  await expect(page.getByTestId("pdf-review")).toHaveCount(0);
  await expect(page.getByTestId("pdf-reading")).toHaveCount(0);
});

test("a shared, read-only evaluation offers no PDF reading", async ({ page }) => {
  const link = readFileSync(new URL("../fixtures/links/v1-open.txt", import.meta.url), "utf8").trim();
  await page.goto("./#" + link.split("#")[1]);
  await expect(page.getByTestId("shared-view")).toBeVisible();
  await page.getByRole("navigation", { name: "Evaluation steps" }).getByRole("button", { name: /^3 Evidence records/ }).click();
  const inputs = page.locator('input[type="file"][id$="-pdf"]');
  expect(await inputs.count()).toBeGreaterThan(0);
  for (const input of await inputs.all()) await expect(input).toBeDisabled();
});

// ---------------------------------------------------------------------------
// Real documents (../shared/real-certificates, read at test time, never
// copied into the repository), several files at once, ZIPs, and text
// recognition of a scan.

const SHARED = new URL("../../../shared/real-certificates/", import.meta.url);
const shared = (name: string) => readFileSync(new URL(name, SHARED));
const haveShared = existsSync(new URL("expected.json", SHARED));
const SKIP_SHARED = "../shared/real-certificates is absent on this machine: the real documents are not here";

/** Drops several files at once, as dragging a selection from the desktop does. */
async function dropFiles(page: Page, testid: string, files: { name: string; bytes: Buffer; type?: string }[]) {
  const data = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const [name, b64, type] of list) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type }));
    }
    return dt;
  }, files.map((f) => [f.name, f.bytes.toString("base64"), f.type ?? "application/pdf"]));
  const zone = page.getByTestId(testid).first();
  await zone.dispatchEvent("dragover", { dataTransfer: data });
  await zone.dispatchEvent("drop", { dataTransfer: data });
}

/** A ZIP (stored, no compression) of the given files, made here. */
function zipOf(files: { name: string; bytes: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name);
    const crc = crc32(f.bytes);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.bytes.length, 18);
    local.writeUInt32LE(f.bytes.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(f.bytes.length, 20);
    central.writeUInt32LE(f.bytes.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, f.bytes);
    centrals.push(central, name);
    offset += local.length + name.length + f.bytes.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const reviewOf = (page: Page, file: string) => page.locator(`[data-testid="pdf-review"][data-file="${file}"]`);

test("three files dropped at once: one review each, nothing added before it is confirmed", async ({ page }) => {
  await toEvidence(page);
  await dropFiles(page, "pdf-drop-model", [
    { name: "meridian.pdf", bytes: pdf("one-page-with-annex.pdf") },
    { name: "brightfield.pdf", bytes: pdf("two-column.pdf") },
    { name: "bluecrest.pdf", bytes: pdf("soa-27017-27018.pdf") },
  ]);
  await expect(page.getByTestId("pdf-review")).toHaveCount(3);
  await expect(reviewOf(page, "brightfield.pdf").locator('[data-field="holder"] input[type="text"]')).toHaveValue("Brightfield Data GmbH");
  await expect(reviewOf(page, "bluecrest.pdf").locator('[data-field="certification_body"] input[type="text"]')).toHaveValue("Bluecrest Registrar Inc.");
  // Each proposes its layer and standard.
  await expect(reviewOf(page, "meridian.pdf").getByLabel("Add it to")).toHaveValue("model");
  await expect(reviewOf(page, "meridian.pdf").locator('[data-field="standard"] input[type="text"]')).toHaveValue("27001:2022");
  // Nothing joined the evaluation yet.
  await expect(page.locator(`[id^="field-${CID}-r1-"]`)).toHaveCount(0);
  // Confirm one: only it becomes a record; the others wait.
  const one = reviewOf(page, "brightfield.pdf");
  const boxes = one.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await one.getByRole("button", { name: "Add this record" }).click();
  await expect(page.locator(`[id="field-${CID}-r1-holder"]`)).toHaveValue("Brightfield Data GmbH");
  await expect(page.getByTestId("pdf-review")).toHaveCount(2);
  await expect(page.locator(`[id^="field-${CID}-r2-"]`)).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test("a ZIP of certificates made here: each PDF inside gets its own review; what is not a PDF is named", async ({ page }) => {
  await toEvidence(page);
  const zip = zipOf([
    { name: "pack/meridian.pdf", bytes: pdf("one-page-with-annex.pdf") },
    { name: "pack/42001.pdf", bytes: pdf("iso42001.pdf") },
    { name: "pack/readme.txt", bytes: Buffer.from("the evidence pack") },
  ]);
  await dropFiles(page, "pdf-drop-model", [{ name: "evidence-pack.zip", bytes: zip, type: "application/zip" }]);
  await expect(page.getByTestId("pdf-review")).toHaveCount(2);
  await expect(reviewOf(page, "42001.pdf").locator('[data-field="standard"] input[type="text"]')).toHaveValue("42001:2023");
  await expect(reviewOf(page, "meridian.pdf").locator('[data-field="holder"] input[type="text"]')).toHaveValue("Northwind Analytics Ltd");
  await expect(page.getByTestId("pdf-zone-note")).toContainText("2 PDFs found");
  await expect(page.getByTestId("pdf-zone-note")).toContainText("“readme.txt” is not a PDF");
  // A ZIP that is not one is refused in words.
  await dropFiles(page, "pdf-drop-model", [{ name: "broken.zip", bytes: Buffer.from("PK\x03\x04 not really"), type: "application/zip" }]);
  await expect(page.getByTestId("pdf-refused").filter({ hasText: "broken.zip" })).toContainText("could not be opened");
});

test("a real SOC 2 Type 2 report and its bridge letter: the SOC 2 record is prefilled, opinion and subservice organisations included", async ({ page }) => {
  test.skip(!haveShared, SKIP_SHARED);
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "soc2-report.pdf", shared("uhy_soc2-type2-report_gsi-rapidreconciler_2025.pdf"));
  const review = reviewOf(page, "soc2-report.pdf");
  await expect(review.getByTestId("pdf-kind")).toContainText("SOC 2 report");
  const val = (f: string) => review.locator(`[data-field="${f}"] input[type="text"]`);
  await expect(val("standard")).toHaveValue("soc2");
  await expect(val("soc2.type")).toHaveValue("II");
  await expect(val("soc2.auditor")).toHaveValue(/UHY/);
  await expect(val("soc2.period_start")).toHaveValue("2024-04-01");
  await expect(val("soc2.period_end")).toHaveValue("2025-03-31");
  await expect(val("soc2.report_date")).toHaveValue("2025-06-11");
  await expect(val("soc2.opinion")).toHaveValue("unqualified");
  await expect(review.getByTestId("pdf-subservice")).toContainText("Microsoft Azure");
  await expect(review.getByTestId("pdf-subservice")).toContainText("carved out");
  const boxes = review.getByRole("checkbox");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).check();
  await review.getByRole("button", { name: "Add this record" }).click();
  const rec = (name: string) => page.locator(`[id="field-${CID}-r1-${name.replace(/\./g, "-")}"]`);
  await expect(rec("soc2.auditor")).toHaveValue(/UHY/);
  await expect(rec("soc2.period_end")).toHaveValue("2025-03-31");
  await expect(page.getByLabel("Auditor's opinion")).toHaveValue("unqualified");
  await expect(page.getByLabel("Subservice organisation 1")).toHaveValue("Microsoft Azure");
  await expect(page.getByLabel("How the report treats organisation 1")).toHaveValue("carve-out");
  // The SOC 2 inputs are the user's to change, by keyboard and label.
  await page.getByLabel("Auditor's opinion").selectOption("qualified");
  await page.getByRole("button", { name: "Add a subservice organisation" }).click();
  await page.getByLabel("Subservice organisation 2").fill("Amazon Web Services, Inc.");
  await page.getByLabel("Subservice organisation 2").press("Tab");
  await page.getByLabel("How the report treats organisation 2").selectOption("inclusive");
  await expect(page.getByLabel("How the report treats organisation 2")).toHaveValue("inclusive");
  await expect(page.getByLabel("Auditor's opinion")).toHaveValue("qualified");
  expect(await axeViolations(page)).toEqual([]);

  // The bridge letter: management's word, read as such.
  await dropFile(page, "pdf-drop-model", "bridge-letter.pdf", shared("uhy_soc2-bridge-letter_gsi-rapidreconciler_2025.pdf"));
  const letter = reviewOf(page, "bridge-letter.pdf");
  await expect(letter.getByTestId("pdf-kind")).toContainText("bridge letter");
  await expect(letter.getByTestId("pdf-kind")).toContainText("never the auditor's assurance");
  await expect(letter.locator('[data-field="soc2.period_end"] input[type="text"]')).toHaveValue("2025-03-31");
  await expect(letter.getByTestId("pdf-signed-by")).toContainText("John Bassett");
  await expect(letter.getByTestId("pdf-signed-by")).toContainText("management");
  await expect(letter).toContainText("not after the end of the period it bridges from");
});

test("documents that are not what Scopewise judges are named, and make no record", async ({ page }) => {
  test.skip(!haveShared, SKIP_SHARED);
  await toEvidence(page);
  await dropFiles(page, "pdf-drop-model", [
    { name: "iso9001.pdf", bytes: shared("bureau-veritas-uk_9001_cloudeon-lithuania_2024_multisite.pdf") },
    { name: "soc3.pdf", bytes: shared("ses_soc3-report_hackerbay-fyipe_2019.pdf") },
  ]);
  await expect(reviewOf(page, "iso9001.pdf").getByTestId("pdf-kind")).toContainText("ISO 9001:2015 certificate (quality management)");
  await expect(reviewOf(page, "soc3.pdf").getByTestId("pdf-kind")).toContainText("SOC 3 report");
  await expect(page.getByRole("button", { name: "Add this record" })).toHaveCount(0);
  await reviewOf(page, "soc3.pdf").getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("pdf-review")).toHaveCount(1);
});

test("a real scan is read by text recognition in this tab, from this site only, once the user agrees", async ({ page }) => {
  test.skip(!haveShared, SKIP_SHARED);
  test.setTimeout(240_000);
  const urls: string[] = [];
  page.context().on("request", (r) => urls.push(r.url()));
  await toEvidence(page);
  await dropFile(page, "pdf-drop-model", "scan.pdf", shared("cac-pca_27001_mc-sistem-turkiye_2025_scan_en.pdf"));
  const ask = page.getByTestId("pdf-ask-ocr");
  await expect(ask).toContainText("This PDF is a scanned image. Read it in this tab with text recognition?");
  await expect(ask).toContainText(/\(\d+\.\d MB, once, from this site\)/);
  // Nothing of the recogniser is fetched before the user agrees: only the
  // list of its files, for the size in the question.
  expect(urls.filter((u) => u.includes("/ocr/") || u.endsWith("ocr.js")).map((u) => new URL(u).pathname.split("/").slice(-2).join("/"))).toEqual(["ocr/files.json"]);
  await ask.getByRole("button", { name: "Read it with text recognition" }).click();
  const review = reviewOf(page, "scan.pdf");
  await expect(review).toBeVisible({ timeout: 200_000 });
  const val = (f: string) => review.locator(`[data-field="${f}"] input[type="text"]`);
  await expect(val("standard")).toHaveValue("27001:2022");
  await expect(val("issue_date")).toHaveValue("2025-07-07");
  await expect(val("expiry_date")).toHaveValue("2026-07-06");
  await expect(review.locator('[data-field="issue_date"]')).toContainText("read by text recognition (OCR)");
  await expect(review.locator('[data-field="issue_date"] .pdf-note')).toContainText("check every character");
  // Every file came from this site: the recogniser's worker, core and
  // language data included (the fixture also fails on any other origin).
  const origin = new URL(page.url()).origin;
  const ocrFiles = urls.filter((u) => u.includes("/ocr/"));
  expect(ocrFiles.some((u) => u.endsWith("worker.min.js"))).toBe(true);
  expect(ocrFiles.some((u) => u.includes("/ocr/core/tesseract-core"))).toBe(true);
  expect(ocrFiles.some((u) => u.endsWith("/ocr/lang/eng.traineddata.gz"))).toBe(true);
  expect(urls.filter((u) => !u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
  expect(urls.some((u) => /cdn|jsdelivr|unpkg/.test(u))).toBe(false);
});
