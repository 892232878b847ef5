import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const e2eDataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";
/** The SMTP server e2e/notifications.spec.ts starts on loopback; the app's mail goes there. */
const e2eSmtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);

/**
 * End-to-end tests against the real one-process server on a fresh demo database.
 * The build comes from `next build` (npm run test:e2e runs it first); Chromium is Debian's.
 */
export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: `rm -rf ${e2eDataDir} && node --import tsx server/main.ts`,
    url: `http://localhost:${port}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: e2eDataDir,
      JIANYAN_SKIP_BUILD: "1",
      SMTP_URL: `smtp://127.0.0.1:${e2eSmtpPort}`,
      SMTP_FROM: "建言 <noreply@jianyan.test>",
      APP_URL: `http://localhost:${port}`,
      // The delivery worker looks at the outbox twice a second instead of every 15 s.
      DELIVERY_INTERVAL_MS: "500",
      NEXT_TELEMETRY_DISABLED: "1",
      // One access line per request would bury the test report; warnings and errors still show.
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  },
});
