// axe-core in headless Chromium, for the Rust tests in tests/integration/validators/axe.rs.
//
// Usage: node axe.mjs '<json>' where the JSON names
//   page        the HTML file to open (as a file:// URL)
//   width       the viewport width in CSS pixels
//   screenshots {"light": png path, "dark": png path}
//   chromium    the browser to launch
//   playwright  the playwright-core package folder
//   axe         axe-core's axe.min.js
// and prints one JSON object: {"runs": [{scheme, violations, incomplete, scrollWidth,
// clientWidth, requests, errors, screenshot}, …]}, light first, then dark.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const options = JSON.parse(process.argv[2]);
const require = createRequire(import.meta.url);
const { chromium } = require(options.playwright);
const axeSource = readFileSync(options.axe, 'utf8');

// WCAG 2.0 and 2.1, levels A and AA: what the ADA Title II rule requires.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// As root in a sandbox with no network: no setuid sandbox, no GPU, and none of the
// background connections (updates, sync, QUIC probes) a closed network refuses.
// Playwright gives every launch a fresh temporary profile (--user-data-dir) of its own.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const browser = await chromium.launch({
  executablePath: options.chromium,
  headless: true,
  chromiumSandbox: false,
  args: ARGS,
});
const runs = [];
try {
  for (const scheme of ['light', 'dark']) {
    runs.push(await audit(scheme));
  }
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify({ runs }));

async function audit(scheme) {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 844 },
    deviceScaleFactor: 1,
    colorScheme: scheme,
  });
  const page = await context.newPage();
  // Anything that would leave the file is refused before it reaches the network, and named.
  const requests = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    requests.push(url);
    return route.abort();
  });
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(pathToFileURL(options.page).href, { waitUntil: 'load' });
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
    TAGS,
  );
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  const screenshot = options.screenshots[scheme];
  // Written whole, then renamed, so two tests shooting the same page never mix bytes.
  writeFileSync(`${screenshot}.${process.pid}`, await page.screenshot({ fullPage: true }));
  renameSync(`${screenshot}.${process.pid}`, screenshot);
  await context.close();
  const brief = (rule) => ({
    id: rule.id,
    impact: rule.impact,
    help: rule.help,
    nodes: rule.nodes.map((node) => ({
      target: node.target.map(String),
      summary: node.failureSummary || '',
    })),
  });
  return {
    scheme,
    violations: result.violations.map(brief),
    incomplete: result.incomplete.map(brief),
    ...widths,
    requests,
    errors,
    screenshot,
  };
}
