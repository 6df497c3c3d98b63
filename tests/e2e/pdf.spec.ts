// Reading a certificate PDF in the tab: the reader's module is fetched only
// when the first PDF is dropped, runs in a worker, and every field it reads
// is shown with its source text and must be checked before the record joins
// the evaluation. The fixture's zero-request check covers every test here.
import { readFileSync } from "node:fs";
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

for (const [file, kind, words] of [
  ["scan.pdf", "scan", /image/i],
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
