// Focus is never obscured (WCAG 2.2 SC 2.4.11): after each action that moves
// focus ("Next", "Add record", "Add this record", "Copy and edit", "Go to
// the field"), the focused element's box is fully on screen and clear of the
// sticky step bar, on a desktop screen and on a 390 × 844 phone. On the
// phone the bar is one line that opens and closes. axe-core stays clean.
import { readFileSync } from "node:fs";
import { test, expect, axeViolations } from "./fixtures";
import type { Page } from "@playwright/test";
import { openWorkspace, goStep, addCandidate, addProduct, findings } from "./workspace-helpers";

const SIZES = [
  { name: "desktop", width: 1280, height: 720 },
  { name: "phone", width: 390, height: 844 },
];

const CERT = readFileSync(new URL("../fixtures/pdf/one-page-with-annex.pdf", import.meta.url));

/** Waits until the element with `id` has focus, then checks it is in view and below the bar. */
async function expectFocusClear(page: Page, id: string | RegExp) {
  await expect(page.locator(":focus")).toHaveAttribute("id", id);
  const box = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const r = el.getBoundingClientRect();
    const bar = document.getElementById("ws-steps")!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, barTop: bar.top, barBottom: bar.bottom, w: innerWidth, h: innerHeight };
  });
  // The focused box is under the bar (stuck to the top of the screen, or in
  // its place under the header when the page is not scrolled), whole.
  expect(box.top, `focused box ${JSON.stringify(box)}`).toBeGreaterThanOrEqual(box.barBottom);
  expect(box.bottom).toBeLessThanOrEqual(box.h);
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.right).toBeLessThanOrEqual(box.w);
}

/** Scrolls to the end of the page, so a focus move has to scroll up past the bar. */
async function scrollToEnd(page: Page) {
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
}

for (const size of SIZES) {
  test.describe(`${size.name} (${size.width}×${size.height})`, () => {
    test.use({ viewport: { width: size.width, height: size.height } });

    test("focus stays clear of the step bar after Next, Add record, Add this record, Copy and edit, Go to the field", async ({ page }) => {
      test.setTimeout(90_000);
      await openWorkspace(page);
      const barHeight = await page.locator("#ws-steps").evaluate((e) => e.getBoundingClientRect().height);
      if (size.name === "phone") {
        // One line on a phone: far from a third of the screen.
        expect(barHeight).toBeLessThan(80);
        const toggle = page.locator("#ws-steps-toggle");
        await expect(toggle).toHaveText(/Step 1 of 5: Workload and risk tier/);
        await expect(toggle).toHaveAttribute("aria-expanded", "false");
        await expect(page.locator("#nav-evidence")).toBeHidden();
        await toggle.click();
        await expect(toggle).toHaveAttribute("aria-expanded", "true");
        await expect(page.locator("#nav-evidence")).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
        // Escape closes it again, back on its button.
        await page.locator("#nav-contract").focus();
        await page.keyboard.press("Escape");
        await expect(toggle).toHaveAttribute("aria-expanded", "false");
        await expect(toggle).toBeFocused();
      }
      // The custom property follows the bar's real height.
      const prop = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--ws-bar-h"));
      expect(Math.abs(parseFloat(prop) - barHeight)).toBeLessThanOrEqual(1);

      // 1. Next (from the bottom of step 1) lands on step 2's heading.
      await page.locator("#field-workload-name").fill("Claims triage");
      await scrollToEnd(page);
      await page.locator("#step-next").click();
      await expectFocusClear(page, "step-candidates-heading");

      // 2. Copy and edit (step 1) lands on the policy's name.
      await goStep(page, 1);
      await scrollToEnd(page);
      await page.getByRole("button", { name: "Copy and edit" }).click();
      await expectFocusClear(page, "field-policy-name");

      // 3. Add record lands on the new record's first field.
      await addCandidate(page, "OpenAI direct");
      await addProduct(page, "openai-direct", "API");
      await goStep(page, 3);
      for (let i = 0; i < 3; i++) {
        await scrollToEnd(page);
        await page.locator('[id="field-openai-direct-model-add-button"]').click();
        await expectFocusClear(page, `field-openai-direct-r${i + 1}-holder`);
      }

      // 4. Add this record (a certificate PDF, read and checked) lands on the new record.
      await scrollToEnd(page);
      await page.getByLabel("Read a certificate PDF for the model layer").setInputFiles({
        name: "meridian-certificate.pdf", mimeType: "application/pdf", buffer: CERT,
      });
      const review = page.getByTestId("pdf-review");
      await expect(review).toBeVisible();
      const boxes = review.getByRole("checkbox");
      const n = await boxes.count();
      for (let i = 0; i < n; i++) await boxes.nth(i).check();
      await scrollToEnd(page);
      await review.getByRole("button", { name: "Add this record" }).click();
      await expectFocusClear(page, /^field-openai-direct-r4-/);

      // 5. Go to the field, from the report (at the bottom of the page), back to step 3.
      await goStep(page, 5);
      const go = findings(page, "openai-direct", "cert.no-certification-body").first().getByRole("button", { name: /^Go to the field/ });
      await go.scrollIntoViewIfNeeded();
      await go.click();
      await expectFocusClear(page, /^field-openai-direct-r\d+-certification_body$/);
      // A field near the top of the page too: the workload's name (the bar never hides it either).
      await goStep(page, 1);
      await scrollToEnd(page);
      await page.locator("#field-workload-name").focus();
      await expectFocusClear(page, "field-workload-name");
      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
