/// <reference lib="dom" />
// Drives the real VS Code workbench (code-server) in Chromium the way a person
// does: clicks, right-clicks, the command palette, input boxes, notifications.
import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
const cs = require('../../scripts/lib/codeServer.js');
const fixtures = require('../../scripts/lib/fixtures.js');
const { startFakeManagementApi } = require('../../scripts/lib/fakeManagementApi.js');

export const ROOT: string = cs.ROOT;

export class Workbench {
  private constructor(
    readonly page: Page,
    private readonly browser: BrowserContext,
    private readonly stopServers: () => Promise<void>,
    /** Every request the Management API stand-in received (method, path, whether it carried a bearer token). */
    readonly apiRequests: () => { method: string; path: string; bearer: boolean }[],
    readonly runDir: string,
    readonly configPath: string,
    readonly statePath: string,
  ) {}

  /**
   * Installs the packaged .vsix into a fresh code-server with the demo profiles and opens the workbench;
   * in `locale` (with the test language pack of test/fixtures/pseudo-language-pack) when given.
   */
  static async start({ locale }: { locale?: string } = {}): Promise<Workbench> {
    const vscode = cs.ensureVscode();
    const runDir: string = cs.makeRunDir(locale ? `ui-${locale}` : 'ui');
    const vsix: string = cs.DEMO_VSIX;
    if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run scripts/run-ui-tests.js`);
    cs.installVsix(vscode, runDir, vsix);
    if (locale) cs.installLanguagePack(vscode, runDir, path.join(ROOT, 'test', 'fixtures', 'pseudo-language-pack'), locale);
    const { configPath, statePath } = fixtures.writeDemo(path.join(runDir, 'influxctl'));
    // The Management API stand-in (for Test and Rotate) shares the simulator's state.
    const api = await startFakeManagementApi({ statePath });
    cs.writeUserSettings(runDir, {
      'influxdbTokens.configPath': configPath,
      'influxdbTokens.influxctlPath': fixtures.SIMULATOR,
      'influxdbTokens.timeoutSeconds': 5,
      // xterm's DOM renderer: the terminal's text can be read from the page.
      'terminal.integrated.gpuAcceleration': 'off',
    });
    const server = await cs.startCodeServer(vscode, runDir, { locale, env: { INFLUXDB_TOKENS_CONSOLE_URL: api.url } });
    const browser: BrowserContext = await cs.launchChromium(runDir);
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(path.join(runDir, 'workspace'))}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    const stop = async () => {
      server.stop();
      await api.close();
    };
    return new Workbench(page, browser, stop, () => api.requests, runDir, configPath, statePath);
  }

  async stop(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.stopServers();
  }

  state(): { profiles: Record<string, { tokens: { id: string; description: string; revoked_at?: unknown }[]; issued?: Record<string, string>; fault?: unknown }> } {
    return JSON.parse(fs.readFileSync(this.statePath, 'utf8'));
  }

  setState(state: unknown): void {
    fs.writeFileSync(this.statePath, JSON.stringify(state, null, 2));
  }

  async openView(): Promise<void> {
    const icon = this.page.locator('.activitybar a.action-label[aria-label="InfluxDB Tokens"]');
    await icon.waitFor({ timeout: 60000 });
    // The icon toggles: it hides the side bar when the view is already shown there (a container of one
    // view has no pane header to look for), so it is clicked only while the view's title is not visible.
    const title = this.page.locator('.part.sidebar .title-label', { hasText: 'InfluxDB Tokens' });
    for (let attempt = 0; attempt < 3 && !(await title.isVisible()); attempt++) {
      await icon.click();
      await title.waitFor({ timeout: 5000 }).catch(() => undefined);
    }
    await title.waitFor();
  }

  rows(): Locator {
    return this.page.locator('.part.sidebar .monaco-list-row');
  }

  /** The row whose label is exactly `label`. */
  row(label: string): Locator {
    return this.rows().filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) });
  }

  async rowLabels(): Promise<string[]> {
    return this.rows().locator('.label-name').allInnerTexts();
  }

  async rowDescription(label: string): Promise<string> {
    return (await this.row(label).locator('.label-description').innerText()).trim();
  }

  /** The row's description once it matches (rows re-render as lists and config.toml change). */
  async waitForRowDescription(label: string, expected: RegExp, timeout = 20000): Promise<string> {
    await this.page.waitForFunction(
      ([name, source]) =>
        Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some(
          (r) => r.querySelector('.label-name')?.textContent === name && new RegExp(source).test((r.querySelector('.label-description')?.textContent ?? '').trim()),
        ),
      [label, expected.source] as const,
      { timeout },
    );
    return this.rowDescription(label);
  }

  /** Whether the row labelled `label` shows as expanded (`'true'`), collapsed (`'false'`) or is missing. */
  private async waitForRowExpanded(label: string, expanded: 'true' | 'false', timeout: number): Promise<boolean> {
    try {
      await this.page.waitForFunction(
        ([name, state]) =>
          Array.from(document.querySelectorAll('.part.sidebar .monaco-list-row')).some(
            (r) => r.querySelector('.label-name')?.textContent === name && r.getAttribute('aria-expanded') === state,
          ),
        [label, expanded] as const,
        { timeout },
      );
      return true;
    } catch {
      return false;
    }
  }

  /** Expands a row; the tree may re-render meanwhile, so the row is looked up again and the click retried. */
  async expand(label: string): Promise<void> {
    const row = this.row(label);
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await row.getAttribute('aria-expanded', { timeout: 10000 })) === 'true') return;
      await row.locator('.monaco-tl-twistie').click();
      if (await this.waitForRowExpanded(label, 'true', 3000)) return;
    }
    throw new Error(`row ${label} did not expand`);
  }

  /** Expands a row until one of its children shows (a refresh may collapse it meanwhile). */
  async expandTo(label: string, child: string, timeout = 30000): Promise<void> {
    await this.expandUntil(label, this.row(child), timeout);
  }

  /** Expands a row, again whenever it collapses, until `shown` is visible. */
  async expandUntil(label: string, shown: Locator, timeout: number): Promise<void> {
    const deadline = Date.now() + timeout;
    for (;;) {
      await this.expand(label);
      try {
        await shown.first().waitFor({ timeout: 4000 });
        return;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
    }
  }

  async collapse(label: string): Promise<void> {
    const row = this.row(label);
    if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
    if (!(await this.waitForRowExpanded(label, 'false', 30000))) throw new Error(`row ${label} did not collapse`);
  }

  /** Right-clicks a row and checks the menu opened for that row (the tree can shift under the pointer). */
  async openContextMenu(label: string): Promise<Locator> {
    const menu = this.page.locator('.context-view .monaco-menu');
    for (let attempt = 0; ; attempt++) {
      await this.row(label).click({ button: 'right' });
      await menu.waitFor();
      const focused = await this.page.locator('.part.sidebar .monaco-list-row.focused .label-name').innerText();
      if (focused === label) return menu;
      await this.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'detached' });
      if (attempt >= 2) throw new Error(`the context menu opened for ${focused}, not ${label}`);
    }
  }

  /** Right-clicks a row and chooses a context-menu entry, then waits for the menu to close. */
  async contextMenu(label: string, entry: string): Promise<void> {
    await this.openContextMenu(label);
    const item = this.page.locator('.context-view .action-item .action-label', { hasText: entry }).first();
    try {
      await item.waitFor({ timeout: 10000 });
    } catch (err) {
      await this.page.keyboard.press('Escape');
      throw err;
    }
    await this.chooseMenuItem(entry);
  }

  /**
   * Menus animate in and can ignore a click that lands too early: hover until
   * the menu shows the entry focused, click, and if the menu is still open
   * choose the focused entry with Enter.
   */
  private async chooseMenuItem(entry: string): Promise<void> {
    const item = this.page.locator('.context-view .action-item .action-label', { hasText: entry }).first();
    const focused = this.page.locator('.context-view .action-item.focused .action-label', { hasText: entry });
    for (let attempt = 0; ; attempt++) {
      await item.hover();
      try {
        await focused.waitFor({ timeout: 2000 });
        break;
      } catch (err) {
        if (attempt >= 2) throw err;
      }
    }
    await item.click();
    const menu = this.page.locator('.context-view .monaco-menu');
    try {
      await menu.waitFor({ state: 'detached', timeout: 2000 });
    } catch {
      await this.page.keyboard.press('Enter');
      await menu.waitFor({ state: 'detached' });
    }
  }

  /** Clicks a button of the view's title bar (by its tooltip), or an entry of its "More Actions" menu. */
  async viewAction(title: string): Promise<void> {
    const header = this.page.locator('.part.sidebar .composite.title');
    const button = header.locator(`.action-label[aria-label="${title}"]`);
    if (await button.count()) {
      await button.first().click();
      return;
    }
    await header.locator('.action-label[aria-label="Views and More Actions..."], .action-label[aria-label="More Actions..."]').first().click();
    const item = this.page.locator('.context-view .action-item .action-label', { hasText: title }).first();
    await item.waitFor();
    await this.chooseMenuItem(title);
  }

  /** Runs a command from the palette (F1) by its title; retried once, as the palette sometimes drops the first keys. */
  async runCommand(title: string): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.page.keyboard.press('Escape');
        await this.page.keyboard.press('F1');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ timeout: 5000 });
        await input.fill(`>${title}`);
        const entry = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
        await entry.waitFor({ timeout: 5000 });
        await entry.click();
        return;
      } catch (err) {
        if (attempt >= 1) throw err;
      }
    }
  }

  /** Chooses an item of the open quick pick by its label. */
  async pick(label: string): Promise<void> {
    const row = this.page.locator('.quick-input-widget .monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
    await row.waitFor({ timeout: 10000 });
    await row.click();
  }

  /** Ticks items of the open multi-select quick pick by their labels (and unticks `untick`), then accepts. */
  async pickMany(labels: string[], untick: string[] = []): Promise<void> {
    for (const [label, want] of [...labels.map((l) => [l, true] as const), ...untick.map((l) => [l, false] as const)]) {
      const row = this.page.locator('.quick-input-widget .monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
      await row.waitFor({ timeout: 10000 });
      const box = row.locator('.monaco-checkbox').first();
      const ticked = async () => (await box.getAttribute('aria-checked')) === 'true' || /\bchecked\b/.test((await box.getAttribute('class')) ?? '');
      for (let attempt = 0; (await ticked()) !== want; attempt++) {
        if (attempt >= 3) throw new Error(`could not ${want ? 'tick' : 'untick'} ${label}`);
        await box.click();
      }
    }
    await this.page.locator('.quick-input-widget .quick-input-box input').press('Enter');
  }

  /**
   * Answers the input box that asks `prompt`: waits until that box is the one
   * showing (a quick pick or the palette before it uses the same widget, and
   * the box's default value lands after it opens), types `text` until the box
   * holds exactly it, then presses Enter.
   */
  async answerInput(prompt: string | RegExp, text: string): Promise<void> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.locator('.quick-input-message', { hasText: prompt }).waitFor({ timeout: 20000 });
    const input = widget.locator('.quick-input-box input');
    for (let attempt = 0; ; attempt++) {
      await input.fill(text);
      try {
        await this.page.waitForFunction(
          (expected) => (document.querySelector('.quick-input-widget .quick-input-box input') as HTMLInputElement | null)?.value === expected,
          text,
          { timeout: 2000 },
        );
        break;
      } catch (err) {
        if (attempt >= 4) throw err;
      }
    }
    await input.press('Enter');
  }

  inputMessage(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-message');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  /**
   * A notification by its text: as a toast, or in the notification center
   * (toasts queue up and hide after a while, so the center is the fallback).
   */
  async notification(text: string | RegExp, timeout = 20000): Promise<Locator> {
    const toast = this.toast(text).first();
    try {
      await toast.waitFor({ timeout: Math.min(timeout, 8000) });
      return toast;
    } catch {
      const item = this.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
      if (!(await this.page.locator('.notifications-center.visible').count())) await this.runCommand('Notifications: Show Notifications');
      await item.waitFor({ timeout });
      return item;
    }
  }

  async clickToastButton(text: string | RegExp, button: string): Promise<void> {
    const notification = await this.notification(text);
    await notification.locator('.monaco-button', { hasText: button }).first().click();
  }

  /** Dismisses every notification, so the next one shows as a toast. */
  async clearToasts(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.keyboard.press('Escape');
  }

  dialog(): Locator {
    return this.page.locator('.monaco-dialog-box');
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The clipboard once it holds `expected` (copying goes through the extension host, so it lags); polled, as nothing announces it. */
  async waitForClipboard(expected: string, timeout = 10000): Promise<string> {
    const deadline = Date.now() + timeout;
    let text = await this.clipboard();
    while (text !== expected && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      text = await this.clipboard();
    }
    return text;
  }

  /** Runs fn with a simulator fault on a profile, removing the fault afterwards whatever happens. */
  async withFault<T>(profile: string, fault: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    const state = this.state();
    state.profiles[profile].fault = fault;
    this.setState(state);
    try {
      return await fn();
    } finally {
      const after = this.state();
      delete after.profiles[profile].fault;
      this.setState(after);
    }
  }

  /** The part of a row's description that is not cut off: what a person reads at the sidebar's width. */
  async visibleDescription(label: string): Promise<string> {
    return this.row(label).evaluate((row) => {
      const desc = row.querySelector('.label-description');
      const text = desc?.firstChild;
      if (!desc || !text || text.nodeType !== Node.TEXT_NODE) return '';
      const clip = (desc.closest('.monaco-icon-label-container') ?? desc).getBoundingClientRect().right;
      const range = document.createRange();
      let visible = '';
      for (let i = 0; i < (text.textContent ?? '').length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        if (range.getBoundingClientRect().right > clip) break;
        visible += text.textContent![i];
      }
      return visible;
    });
  }

  /** Drags the sash between the sidebar and the editor until the sidebar is `width` pixels wide. */
  async setSidebarWidth(width: number): Promise<void> {
    const box = (await this.page.locator('.part.sidebar').boundingBox())!;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 1, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width + 1, y, { steps: 8 });
    await this.page.mouse.up();
    await this.page.waitForFunction((w) => Math.abs((document.querySelector('.part.sidebar')?.getBoundingClientRect().width ?? 0) - w) < 12, width);
  }

  /** Opens a workspace file by name through Quick Open (Ctrl+P), again if the widget did not take the keys (it can be busy closing). */
  async openFile(name: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      try {
        await input.waitFor({ timeout: 5000 });
        await input.fill(name, { timeout: 5000 });
        await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 10000 });
  }

  /** Changes settings of machine scope (the influxctl and config paths) as the user would, in the Machine settings file; undefined removes one. */
  setMachineSettings(changes: Record<string, unknown>): void {
    const file = path.join(this.runDir, 'user-data', 'Machine', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) delete settings[key];
      else settings[key] = value;
    }
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  }

  /**
   * The files the run wrote that hold one of the secrets (also its characters 9 to 40, as a prefix-less excerpt),
   * except where secrets belong: the simulator's state and config.toml (the influxctl folder) and the browser's
   * localStorage, which is where code-server keeps SecretStorage.
   */
  filesHolding(secrets: string[]): { scanned: string[]; holding: string[] } {
    const filesUnder = (dir: string): string[] =>
      !fs.existsSync(dir)
        ? []
        : fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
            const full = path.join(dir, e.name);
            if (e.isDirectory()) return filesUnder(full);
            return e.isFile() ? [full] : [];
          });
    const scanned = filesUnder(this.runDir).filter((f) => !f.includes(`${path.sep}influxctl${path.sep}`) && !f.includes(`${path.sep}Local Storage${path.sep}`));
    const holding = scanned.filter((file) => {
      const content = fs.readFileSync(file).toString('latin1');
      return secrets.some((s) => content.includes(s) || content.includes(s.slice(9, 40)));
    });
    return { scanned, holding };
  }

  /** With UPDATE_SCREENSHOTS=1 (npm run screenshots), saves a README screenshot to media/screenshots. */
  async documentScreenshot(name: string): Promise<void> {
    if (process.env.UPDATE_SCREENSHOTS !== '1') return;
    // Toasts and menus animate in: wait until nothing moves.
    await this.page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await this.screenshot(name, path.join(ROOT, 'media', 'screenshots'));
  }

  async screenshot(name: string, dir = path.join(ROOT, '.test-runs', 'ui-screenshots')): Promise<string> {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100)}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}
