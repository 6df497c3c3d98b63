import { test, expect, openApp } from "./fixtures";

test("the hosted paths view shows which certificate covers which layer", async ({ page }) => {
  await openApp(page);
  await page.getByRole("button", { name: "Hosted paths" }).click();
  await expect(page.getByRole("button", { name: "Hosted paths" })).toHaveAttribute("aria-pressed", "true");
  const table = page.getByRole("table", { name: /Which organisation's certificate covers each layer/ });
  await expect(table).toBeVisible();
  await expect(page.getByTestId("layers-warning")).toContainText("One layer never stands in for another");
  await expect(table.locator("thead th")).toHaveText(["Path", "Platform layer", "Model layer", "Customer layer"]);

  const bedrock = table.locator('tr[data-path="claude-on-bedrock"]');
  await expect(bedrock.getByRole("rowheader")).toContainText("Claude on Amazon Bedrock");
  const cells = bedrock.locator("td");
  await expect(cells.nth(0)).toContainText("Amazon Web Services");
  await expect(cells.nth(0)).toContainText("must name Amazon Bedrock");
  await expect(cells.nth(0)).toContainText("42001: Some services");
  await expect(cells.nth(1)).toContainText("Anthropic");
  await expect(cells.nth(1)).toContainText("42001: Certified");
  await expect(cells.nth(2)).toContainText("your own AIMS as AI operator");

  for (const id of ["azure-openai", "claude-on-vertex", "mistral-on-bedrock", "llama-on-bedrock", "gemini-on-vertex"]) {
    await expect(table.locator(`tr[data-path="${id}"]`)).toHaveCount(1);
  }
  await expect(table.locator('tr[data-path="llama-on-bedrock"] td').nth(1)).toContainText("Not in this matrix");
  await expect(table.locator("tbody tr")).toHaveCount(14);
  await expect(table.locator('tr[data-path="openai-direct"] td').first()).toContainText("Reached directly");

  await page.getByLabel("Also show each vendor reached directly").uncheck();
  await expect(table.locator("tbody tr")).toHaveCount(6);

  // Back to the matrix.
  await page.getByRole("button", { name: "Standards matrix" }).click();
  await expect(page.getByRole("table", { name: /Public ISO\/IEC and SOC 2 claims/ })).toBeVisible();
});
