// The standards matrix is in the HTML the server sends (rendered at build
// time by the app's own components, src/bin/scopewise-prerender.rs): it
// shows before any WebAssembly runs, reads without JavaScript, and the app
// takes it over without a visible change.
import { test, expect, watchOrigin } from "./fixtures";
import { TODAY } from "./workspace-helpers";
import type { Page } from "@playwright/test";

/** The element `selector` of `html` (or of the live page), as a canonical
 * text: elements with their attributes sorted, text, no comments. */
function canonical(page: Page, selector: string, html?: string): Promise<string> {
  return page.evaluate(
    ({ selector, html }) => {
      const root = html ? new DOMParser().parseFromString(html, "text/html") : document;
      const el = root.querySelector(selector);
      if (!el) return "(missing)";
      const walk = (n: Node): string => {
        if (n.nodeType === Node.TEXT_NODE) return n.textContent ?? "";
        if (n.nodeType !== Node.ELEMENT_NODE) return "";
        const e = n as Element;
        const attrs = [...e.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(" ");
        return `<${e.localName}${attrs ? " " + attrs : ""}>${[...e.childNodes].map(walk).join("")}</${e.localName}>`;
      };
      return walk(el);
    },
    { selector, html },
  );
}

const LAYOUT_SHIFTS = `
  window.__layoutShift = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__layoutShift += e.value;
  }).observe({ type: "layout-shift", buffered: true });
`;

/** The text of `selector` in `html` as served. */
function servedText(page: Page, html: string, selector: string): Promise<string> {
  return page.evaluate(
    ({ html, selector }) => new DOMParser().parseFromString(html, "text/html").querySelector(selector)?.textContent ?? "(missing)",
    { html, selector },
  );
}

test("the matrix is in the page as served, and the app takes it over unchanged, with no layout shift", async ({ page, request }) => {
  const served = await (await request.get("./")).text();
  expect(served.match(/class="cell"/g)?.length).toBe(48);
  await page.clock.setFixedTime(TODAY);
  await page.addInitScript(LAYOUT_SHIFTS);
  await page.goto("./");
  // The table, its caption, the legend, the dataset's date and the privacy
  // sentence are in the page as served, before any script runs.
  expect(await servedText(page, served, "table.matrix caption")).toBe(
    "Public ISO/IEC and SOC 2 claims by AI vendor (as of 5 July 2026). Claims, not verified certificates.",
  );
  expect(await servedText(page, served, "ul.legend")).toContain("Disputed: sources disagree");
  expect(await servedText(page, served, "[data-testid=dataset-age]")).toContain("Public claims as of 5 July 2026.");
  expect(await servedText(page, served, "header.site .lede")).toContain("nothing you type or drop here is sent to any server");

  // Live: today's date is known only to the running app.
  await expect(page.getByTestId("dataset-age")).toContainText("(141 days ago).");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  expect(await page.evaluate(() => (window as unknown as { __layoutShift: number }).__layoutShift)).toBe(0);

  const prerendered = await canonical(page, "table.matrix", served);
  expect(prerendered).toContain("OpenAI, ISO/IEC 27001: ");
  expect(await canonical(page, "table.matrix")).toBe(prerendered);
  expect(await canonical(page, "ul.legend")).toBe(await canonical(page, "ul.legend", served));
  // The app works on it, and renders the same table again on its own.
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await page.getByRole("button", { name: "Standards matrix" }).click();
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
  expect(await canonical(page, "table.matrix")).toBe(prerendered);
  await page.getByRole("button", { name: /^AWS, ISO\/IEC 42001/ }).click();
  await expect(page.getByTestId("cell-detail")).toContainText("AWS · ISO/IEC 42001");
});

test("a cell focused and filters opened before the app starts stay so", async ({ page }) => {
  // The shell's module is held back until the user has acted on the page.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(/scopewise-app-[^/]*_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto("./");
  await page.getByText("Filter vendors and standards").click();
  await page.locator("#cell-aws-iso42001").focus();
  release();
  // Live (today's date is known only to the running app).
  await expect(page.getByTestId("dataset-age")).toContainText("days ago");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("cell-aws-iso42001");
  await expect(page.getByRole("group", { name: "Vendors" })).toBeVisible();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("cell-detail")).toContainText("AWS · ISO/IEC 42001");
});

test("without JavaScript the matrix is there to read, and says what needs JavaScript", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const leaks = await watchOrigin(context, new URL(baseURL!).origin);
  const page = await context.newPage();
  await page.goto("./");
  const table = page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ });
  await expect(table).toBeVisible();
  await expect(table.getByRole("rowheader")).toHaveCount(8);
  await expect(table.locator("tbody button.cell")).toHaveCount(48);
  await expect(page.getByRole("button", { name: /^Cohere, ISO\/IEC 42001: Disputed/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "What the cells say" })).toBeVisible();
  await expect(page.getByTestId("dataset-age")).toContainText("Public claims as of 5 July 2026.");
  await expect(page.locator("header.site .lede")).toContainText("nothing you type or drop here is sent to any server");
  await expect(page.getByText("JavaScript is off, so the standards matrix below is read-only")).toBeVisible();
  // What would not work is not offered.
  await expect(page.getByRole("navigation", { name: "Views" })).toBeHidden();
  await expect(page.getByText("Filter vendors and standards")).toBeHidden();
  expect(leaks).toEqual([]);
  await context.close();
});

test("the app still starts where the address says, over the prerendered matrix", async ({ page }) => {
  await page.goto("./#/paths");
  await expect(page.getByRole("table", { name: /Which organisation's certificate covers each layer/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toHaveCount(0);
});
