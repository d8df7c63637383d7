// Helpers shared by the browser scripts: the server under test, polling checks, people's pages,
// signing up and in, and screenshots at the two sizes the app is designed for.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const BASE = process.env.PULSE_URL?.replace(/\/$/, '');
if (!BASE) {
  console.error('PULSE_URL is not set (the Pulse server to test, e.g. http://localhost:8000)');
  process.exit(2);
}
export const SHOTS = path.resolve(process.env.SCREENSHOT_DIR ?? 'target/screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`.slice(-8);
export const pageErrors = [];
const started = Date.now();

export function log(message) {
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  console.log(`[${t}s] ${message}`);
}

export function check(condition, message) {
  if (!condition) throw new Error(`Check failed: ${message}`);
}

/** Polls `probe` until it returns a truthy value; fails with `what` and the last value seen. */
export async function eventually(what, probe, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (err) {
      last = `threw ${err.message.split('\n')[0]}`;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for: ${what} (last seen: ${JSON.stringify(last)})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Headless Chromium; `args` are added to the usual flags (fake camera and microphone, say). */
export async function launch(args = []) {
  await mkdir(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...args,
    ],
  });
}

/**
 * A person's own browser context at 1280x800 on the server under test, and a page in it.
 * `setUp(context)` runs before the page opens (permissions, init scripts).
 */
export async function newUserPage(browser, name, setUp) {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: BASE });
  if (setUp) await setUp(context);
  const page = await context.newPage();
  watchPage(page, name);
  return { context, page, name };
}

/** Uncaught errors in `page` fail the run (see main); its console errors are printed. */
export function watchPage(page, name) {
  page.on('pageerror', (err) => pageErrors.push(`${name}: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text())) {
      console.log(`  (${name} console error) ${msg.text()}`);
    }
  });
}

/** What the Content-Security-Policy blocked in the contexts given to recordCspViolations. */
export const cspViolations = [];

/** Records in `cspViolations` anything the Content-Security-Policy blocks in `context`: the app must need none of it. */
export async function recordCspViolations(context, name) {
  await context.exposeBinding('__pulseCspViolation', (_, what) => cspViolations.push(`${name}: ${what}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__pulseCspViolation(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
}

/** Waits for the signed-in app; if the form shows an error instead, fails with its text. */
export async function waitForSignedIn(page, what) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const alert = page.getByRole('alert');
  await Promise.race([nav.waitFor(), alert.waitFor()]);
  if (!(await nav.isVisible())) throw new Error(`${what} failed: ${await alert.textContent()}`);
}

/** Signs `user` up through the registration form (religion only when the user has one). */
export async function register(page, user) {
  await page.goto('/register');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByLabel('Full name').fill(user.displayName);
  await page.getByLabel('Gender').selectOption(user.gender);
  await page.getByLabel('Date of birth').fill(user.dateOfBirth);
  await page.getByLabel('City').fill(user.city);
  if (user.religion) await page.getByLabel('Religion').selectOption(user.religion);
  await assertLabelled(page, 'registration form');
  await page.getByRole('button', { name: 'Create profile' }).click();
  await waitForSignedIn(page, `registering ${user.username}`);
}

/** Signs `user` up through the REST API, without a page. */
export async function registerByApi(user) {
  const r = await fetch(`${BASE}/api/auth/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  check(r.status === 201, `registering ${user.username}: ${r.status} ${await r.text()}`);
}

export async function login(page, user) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await waitForSignedIn(page, `logging in ${user.username}`);
}

/** Every form control on the page has an accessible name (a label or aria-label). */
export async function assertLabelled(page, where) {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
      .map((el) => el.outerHTML.slice(0, 120)),
  );
  check(unlabelled.length === 0, `${where}: controls without a label:\n  ${unlabelled.join('\n  ')}`);
}

/** True once every <img> matching `selector` has loaded a real picture. */
export function imagesLoaded(page, selector) {
  return page.evaluate(
    (sel) => {
      const imgs = [...document.querySelectorAll(sel)];
      return imgs.length > 0 && imgs.every((img) => img.complete && img.naturalWidth > 0);
    },
    selector,
  );
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical WCAG 2 A/AA violations on the page as it is now. */
export async function axeProblems(page) {
  // evaluated by the browser's debugger, not as a script tag: the app's Content-Security-Policy
  // (rightly) refuses inline scripts
  await page.evaluate(AXE);
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

/**
 * A screenshot of `page` at 1280x800 and 390x844 after `ready(page, size)`; fails if the page
 * scrolls sideways.
 */
export async function screenshots(page, label, ready) {
  for (const [size, viewport] of [
    ['1280x800', DESKTOP],
    ['390x844', PHONE],
  ]) {
    await page.setViewportSize(viewport);
    await ready(page, size);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `${label} at ${size} is ${overflow} px wider than the window`);
    // let entrance transitions and late images settle before the picture
    await page.waitForTimeout(400);
    const file = path.join(SHOTS, `${label}-${size}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${file}`);
  }
  await page.setViewportSize(DESKTOP);
}

/**
 * Runs `scenario(browser)`, prints PASS or FAIL (with a screenshot of each open page, named
 * `${failureShots}-<context>-<page>.png`, after what `describe(page)` says of it) and exits.
 * `args`: more Chromium flags.
 */
export async function main(scenario, { args = [], failureShots = 'failure', describe } = {}) {
  let browser;
  try {
    browser = await launch(args);
    await scenario(browser);
    check(pageErrors.length === 0, `uncaught errors in the pages:\n  ${pageErrors.join('\n  ')}`);
    log('PASS');
    await browser.close();
    process.exit(0);
  } catch (err) {
    console.error(`FAIL: ${err.stack ?? err}`);
    if (pageErrors.length) console.error(`uncaught errors in the pages:\n  ${pageErrors.join('\n  ')}`);
    try {
      for (const [i, context] of (browser?.contexts() ?? []).entries()) {
        for (const [j, page] of context.pages().entries()) {
          if (describe) console.error(`  page ${i}-${j}: ${await describe(page).catch((e) => e.message)}`);
          const file = path.join(SHOTS, `${failureShots}-${i}-${j}.png`);
          await page.screenshot({ path: file });
          console.error(`  saved ${file} (${page.url()})`);
        }
      }
    } catch {
      // the failure itself is what matters
    }
    await browser?.close().catch(() => {});
    process.exit(1);
  }
}
