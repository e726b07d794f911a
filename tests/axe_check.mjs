// Opens HTML files in headless Chromium (Debian's chromium-headless-shell, driven by
// puppeteer-core, which downloads no browser) and runs axe-core on each page.
//
//   node tests/axe_check.mjs FILE.html...            → one JSON line per file on stdout:
//       {"file", "violations": [{id, impact, help, nodes: [{target, html}]}], "passes", "incomplete"}
//   node tests/axe_check.mjs --screenshot OUT.png --at Y|SELECTOR FILE.html
//       → a 1000×1300 px screenshot of the page scrolled to Y px, or to the element that
//         SELECTOR finds (for a human to look at).
//   node tests/axe_check.mjs --pdf OUT.pdf FILE.html
//       → the page printed to PDF by Chromium (its print style sheet, list markers as text),
//         for poppler's pdftotext to read what a reader of the page sees.
//
// The npm packages are under target/npm (`npm install --prefix target/npm puppeteer-core
// axe-core`, done by .ci/test). The browser is $PACTE_CHROMIUM, else the first of the
// usual Debian paths that exists. Exit status: 0 when no file has a violation, 1 otherwise,
// 2 when something could not run.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "target", "npm", "package.json"));

// The rules of WCAG 2.0, 2.1 and 2.2 levels A and AA, and axe's best practices.
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

function browserPath() {
  const candidates = [
    process.env.PACTE_CHROMIUM,
    "/usr/bin/chromium-headless-shell",
    "/usr/lib/chromium/chromium-headless-shell",
    "/usr/bin/chromium",
  ].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    console.error(`no Chromium found (tried ${candidates.join(", ")}); bash .ci/test installs chromium-headless-shell`);
    process.exit(2);
  }
  return found;
}

async function main() {
  const args = process.argv.slice(2);
  let screenshot = null;
  let pdf = null;
  let at = "0";
  const files = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--screenshot") screenshot = args[++i];
    else if (args[i] === "--at") at = args[++i];
    else if (args[i] === "--pdf") pdf = args[++i];
    else files.push(args[i]);
  }
  if (files.length === 0) {
    console.error("usage: node tests/axe_check.mjs [--screenshot OUT.png --at Y] FILE.html...");
    process.exit(2);
  }
  const puppeteer = require("puppeteer-core");
  const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const browser = await puppeteer.launch({
    executablePath: browserPath(),
    headless: "shell",
    args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
  });
  let failed = false;
  try {
    for (const file of files) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1000, height: 1300 });
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
      if (pdf) {
        await page.pdf({ path: pdf, format: "A4" });
        await page.close();
        continue;
      }
      if (screenshot) {
        // --at: a height in px, or a CSS selector of the element to show at the top.
        await page.evaluate((at) => {
          const y = Number(at);
          if (Number.isFinite(y)) window.scrollTo(0, y);
          else document.querySelector(at)?.scrollIntoView();
        }, at);
        await page.screenshot({ path: screenshot });
        await page.close();
        continue;
      }
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      const violations = result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
      }));
      if (violations.length > 0) failed = true;
      console.log(
        JSON.stringify({
          file,
          violations,
          passes: result.passes.length,
          incomplete: result.incomplete.map((v) => v.id),
        }),
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(2);
});
