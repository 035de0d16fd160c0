/**
 * E2E harness: starts the real server (production mode, serving web/dist) on a
 * free port with a fresh data directory, and a headless Chromium; stops both.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { type Browser, type BrowserContext, chromium, type ConsoleMessage, type Locator, type Page, type Request } from 'playwright-core';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const artifactsDir = path.join(repoRoot, 'e2e', 'artifacts');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type RunningServer = { baseUrl: string; dataDir: string; logFile: string; stop: () => Promise<void> };

/**
 * Starts `node --import tsx server/src/main.ts` and waits until GET /api/health answers 200.
 * With E2E_BASE_URL set, uses that running app instead (e.g. `vite preview` while developing).
 * With E2E_TEMPLATE_DIR set (scripts/test.mjs does it), the server starts on a copy of that data
 * directory — a demo office made once for the whole suite — instead of making its own demo year:
 * each file still gets an office of its own, without 20 s of seeding each.
 * `keepDataDir` leaves the directory in place on stop (that is how the template is made).
 */
export const startServer = async ({ timeoutMs = 180_000, dataDir: givenDataDir, keepDataDir = false }: { timeoutMs?: number; dataDir?: string; keepDataDir?: boolean } = {}): Promise<RunningServer> => {
  const externalUrl = process.env.E2E_BASE_URL;
  if (externalUrl) {
    fs.mkdirSync(artifactsDir, { recursive: true });
    return { baseUrl: externalUrl.replace(/\/$/, ''), dataDir: '', logFile: '', stop: async () => undefined };
  }
  if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    throw new Error('web/dist/index.html is missing: run `npm run build:web` first');
  }
  fs.mkdirSync(artifactsDir, { recursive: true });
  const port = await freePort();
  const dataDir = givenDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'fuban-e2e-')));
  const template = process.env.E2E_TEMPLATE_DIR;
  if (!givenDataDir && template) await cp(template, dataDir, { recursive: true });
  const logFile = path.join(artifactsDir, givenDataDir ? 'server-template.log' : `server-${port}.log`);
  const log = fs.createWriteStream(logFile);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    // A smaller demo year than npm start's (FUBAN_DEMO_INCOMING): every state is still there, and two servers start faster.
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', FUBAN_DATA_DIR: dataDir, FUBAN_DEMO_INCOMING: process.env.FUBAN_DEMO_INCOMING ?? '60', FUBAN_DEMO_OUTGOING: process.env.FUBAN_DEMO_OUTGOING ?? '16', FUBAN_DEMO_INSTRUCTIONS: process.env.FUBAN_DEMO_INSTRUCTIONS ?? '12', FUBAN_DEMO_DRAFTS: process.env.FUBAN_DEMO_DRAFTS ?? '4', FUBAN_DEMO_DISCLOSURES: process.env.FUBAN_DEMO_DISCLOSURES ?? '8', FUBAN_DEMO_PETITIONS: process.env.FUBAN_DEMO_PETITIONS ?? '10', FUBAN_DEMO_PROPOSALS: process.env.FUBAN_DEMO_PROPOSALS ?? '8', FUBAN_DEMO_TICKETS: process.env.FUBAN_DEMO_TICKETS ?? '12' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exitCode: number | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code ?? -1;
      resolve();
    }),
  );

  const stop = async () => {
    if (exitCode === null) {
      child.kill('SIGTERM');
      const killed = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!killed) {
        child.kill('SIGKILL');
        await exited;
      }
    }
    log.end();
    if (!keepDataDir) await rm(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      await stop();
      throw new Error(`server exited with code ${exitCode} before it was healthy; see ${logFile}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      // Healthy and done making its demo documents: tests then see the office a new user sees.
      if (response.status === 200 && !((await response.json()) as { isDemoDataPending?: boolean }).isDemoDataPending) {
        return { baseUrl, dataDir, logFile, stop };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server did not answer GET /api/health with 200 within ${timeoutMs} ms; see ${logFile}`);
};

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
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
    ],
  });

/** A desktop browser in the office; `timezoneId` for a machine set elsewhere (a laptop on UTC, a leader abroad). */
export const newContext = (browser: Browser, baseURL: string, { timezoneId = 'Asia/Shanghai' }: { timezoneId?: string } = {}): Promise<BrowserContext> =>
  browser.newContext({
    baseURL,
    locale: 'zh-CN',
    timezoneId,
    viewport: { width: 1440, height: 900 },
  });

/**
 * Responses the app expects and handles: Chromium still logs them as console
 * errors ("Failed to load resource"), so they are not counted as page errors.
 */
const expectedFailures: Array<{ path: string; status: number }> = [
  { path: '/api/auth/me', status: 401 }, // "is anyone signed in?" on first load and after logout
  { path: '/api/auth/login', status: 401 }, // the deliberate wrong-password attempt
  { path: '/api/public/mailbox/query', status: 404 }, // 市长信箱: a query code that matches no letter
];

/** Collects console errors and uncaught exceptions of a page, minus expected HTTP failures. */
export const watchConsole = (page: Page): { errors: string[] } => {
  const errors: string[] = [];
  const failedResponses: string[] = [];
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const url = new URL(response.url());
    const isExpected = expectedFailures.some((item) => item.path === url.pathname && item.status === response.status());
    if (!isExpected) failedResponses.push(`${response.status()} ${response.request().method()} ${url.pathname}`);
  });
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (text.startsWith('Failed to load resource')) {
      const url = message.location().url;
      const pathname = url ? new URL(url).pathname : '';
      if (expectedFailures.some((item) => item.path === pathname && text.includes(`status of ${item.status}`))) return;
    }
    errors.push(`console: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return {
    get errors() {
      return [...errors, ...failedResponses.map((line) => `unexpected HTTP ${line}`)];
    },
  };
};

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });

/** Runs `body` on a new page of `context`: a screenshot if it fails, no console errors at the end, the context closed. */
export const runInPage = async (context: BrowserContext, failureShot: string, body: (page: Page) => Promise<void>) => {
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watcher = watchConsole(page);
  try {
    await body(page);
    if (watcher.errors.length > 0) throw new Error(`console errors: ${watcher.errors.join(' | ')}`);
  } catch (error) {
    await screenshot(page, failureShot).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
};

/**
 * Picks an option of the single antd Select / TreeSelect whose popup is open now, and waits for the popup
 * to close. Under load (the demo year is still being made) a click during the popup's opening animation
 * can go astray and leave it open: click again (in a single select, clicking the chosen option again
 * keeps it chosen and closes the popup).
 */
export const pickSingleOption = async (page: Page, text: string) => {
  const popup = page.locator('.ant-select-dropdown:visible').first();
  await popup.waitFor();
  const option = popup.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first();
  for (let attempt = 1; ; attempt += 1) {
    await option.click();
    try {
      await popup.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
};

/**
 * Takes an action from the case page: opens its dialog from the toolbar (the button is the action's
 * label), lets `fill` complete it, sends it with the dialog's button (the label again unless told) and
 * waits for a 200 and the dialog to close.
 */
export const actOnCase = async (page: Page, button: string, { submit = button, fill }: { submit?: string; fill?: (dialog: Locator) => Promise<void> } = {}) => {
  await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.waitFor();
  await fill?.(dialog);
  await submitActionDialog(page, dialog, submit);
};

/** Sends an open action dialog with its `submit` button and waits for the action's 200 and the dialog to close. */
/**
 * Clicks a button of a modal that should close it, once the modal has stopped zooming in: under load a click during the
 * motion can land beside the button (see submitActionDialog). Clicked again while the modal is still open after 3 s.
 */
export const closeModalBy = async (page: Page, modal: Locator, button: Locator) => {
  await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
  await button.click();
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const closed = await modal.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false);
    if (closed) return;
    if (await button.isVisible()) await button.click();
  }
  await modal.waitFor({ state: 'hidden' });
};

export const submitActionDialog = async (page: Page, dialog: Locator, submit: string) => {
  const isAction = (request: Request) => request.url().includes('/actions/') && request.method() === 'POST';
  let sent = false;
  const onRequest = (request: Request) => {
    if (isAction(request)) sent = true;
  };
  page.on('request', onRequest);
  const done = page.waitForResponse((response) => isAction(response.request()), { timeout: 30_000 });
  // Under load a click while the dialog is still zooming in can land beside its button (CI lost one 签收 so):
  // wait for the motion to end, and click again only while nothing was sent — never a second action.
  await page.waitForFunction(() => !document.querySelector('.ant-zoom-appear, .ant-zoom-enter'));
  const send = dialog.getByRole('button', { name: submit, exact: true });
  await send.click();
  for (let attempt = 0; attempt < 3 && !sent; attempt += 1) {
    await page.waitForTimeout(3_000);
    if (!sent && (await send.isEnabled()) && !(await send.getAttribute('class'))?.includes('ant-btn-loading')) await send.click();
  }
  page.off('request', onRequest);
  assert.equal((await done).status(), 200, `${submit} failed`);
  await dialog.waitFor({ state: 'detached' });
};

/** The demo accounts' password (seed/demo-office.ts). */
export const DEMO_PASSWORD = 'Fuban@2026';

/** Signs a demo user in through the login page and waits for the page they land on. */
export const signInDemo = async (page: Page, username: string, landing: string | RegExp | ((url: URL) => boolean) = '**/inbox') => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(landing);
};
