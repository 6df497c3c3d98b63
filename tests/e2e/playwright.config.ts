import { defineConfig } from "@playwright/test";

// Debian's Chromium, never a downloaded browser. The background-networking
// flags stop Chromium's own calls home, which would pollute the zero-request
// check (and fail on this network anyway).
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
  "--no-first-run",
];

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: ".",
  testMatch: /.*\.spec\.ts/,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: CHROMIUM_ARGS,
    },
    trace: "off",
    // The app registers a service worker; tests run without it (each in a
    // fresh context, as before) unless they ask for it (offline.spec.ts),
    // so routes and network failures stay visible to the page.
    serviceWorkers: "block",
  },
  webServer: {
    command: `node serve.mjs --dir ${process.env.E2E_DIST ?? "../../dist"} --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
