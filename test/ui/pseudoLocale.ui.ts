/// <reference lib="dom" />
// The extension in another display language: code-server in qps-ploc, the
// pseudo-locale the build makes from the English bundle (every letter
// accented). Whatever English is left on screen, apart from the user's own
// data, is text that does not go through vscode.l10n.t or package.nls.json.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT, Workbench } from './workbench';

const LOCALE = 'qps-ploc';

function readJson(file: string): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
}

/** Every string of the demo's config.toml and influxctl state: names, hosts, IDs, descriptions. */
function demoData(w: Workbench): string[] {
  const strings: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(w.state());
  for (const m of fs.readFileSync(w.configPath, 'utf8').matchAll(/"([^"\n]+)"/g)) strings.push(m[1]);
  return [...new Set(strings)].filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
}

/** What VS Code itself adds (its own text stays English: the test language pack translates none of it). */
const WORKBENCH_TEXT = [/\(?Press '?Enter'? to confirm or '?Escape'? to cancel\)?/g];

/** The English words of `text` once the user's data, VS Code's own words, dates and numbers are taken out. */
function englishLeft(text: string, data: string[]): string[] {
  let rest = WORKBENCH_TEXT.reduce((t, re) => t.replace(re, ' '), text);
  for (const d of data) rest = rest.split(d).join(' ');
  rest = rest.replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, ' ');
  return rest.match(/\b[A-Za-z]{3,}\b/g) ?? [];
}

describe(`UI: in another display language (${LOCALE})`, function () {
  this.timeout(240000);
  let w: Workbench;
  const nls = readJson(`package.nls.${LOCALE}.json`);
  const bundle = readJson(`l10n/bundle.l10n.${LOCALE}.json`);

  before(async function () {
    w = await Workbench.start({ locale: LOCALE });
  });

  after(async () => {
    await w?.stop();
  });

  it('shows the view and its rows in that locale, with no English left but the user’s data', async () => {
    const icon = w.page.locator(`.activitybar a.action-label[aria-label="${nls['viewsContainer.title']}"]`);
    await icon.waitFor({ timeout: 60000 });
    await icon.click();
    // A container with one view shows "CONTAINER: VIEW" as its title.
    await w.page.locator('.part.sidebar .title-label', { hasText: nls['viewsContainer.title'] }).waitFor();
    assert.match(await w.page.locator('.part.sidebar .title-label').innerText(), new RegExp(nls['view.profiles.name'], 'i'));
    await w.row('default').waitFor({ timeout: 30000 });
    // Management tokens (their group opens by itself), then database tokens: every kind of row.
    await w.expandTo('default', 'ci-pipeline');
    await w.expandTo(bundle['Database Tokens'], 'grafana dashboards');
    const data = demoData(w);
    const rows = await w.rows().evaluateAll((els) => els.map((e) => `${e.querySelector('.label-name')?.textContent ?? ''} ${e.querySelector('.label-description')?.textContent ?? ''} ${e.getAttribute('aria-label') ?? ''}`));
    assert.ok(rows.length > 6, rows.join('\n'));
    const left = rows.flatMap((r) => englishLeft(r, data).map((word) => `${word} (in: ${r})`));
    assert.deepStrictEqual(left, []);
    await w.screenshot(`pseudo-locale rows`);
  });

  it('asks and notifies in that locale: the palette title, the prompts and the result of Create Management Token', async () => {
    const data = demoData(w);
    await w.runCommand(`${nls.category}: ${nls['command.createToken.title']}`);
    const widget = w.page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    await widget.locator('.monaco-list-row', { hasText: 'staging' }).waitFor();
    assert.deepStrictEqual(englishLeft((await input.getAttribute('placeholder')) ?? '', data), [], 'the profile picker');
    await w.pick('default');
    await w.page.waitForFunction(() => document.querySelector('.quick-input-widget .quick-input-message')?.textContent);
    const prompt = (await widget.locator('.quick-input-message').innerText()) + (await widget.locator('.quick-input-title').innerText());
    assert.deepStrictEqual(englishLeft(prompt, data), [], 'the description prompt and its title');
    await w.answerInput(/./, 'pseudo probe');
    await w.pick(bundle['7 days']);
    const toast = await w.notification(/pseudo probe/);
    const message = await toast.locator('.notification-list-item-message').innerText();
    const buttons = await toast.locator('.monaco-button').allInnerTexts();
    assert.deepStrictEqual(englishLeft(`${message} ${buttons.join(' ')}`, [...data, 'pseudo probe']), [], 'the notification and its buttons');
    await w.screenshot(`pseudo-locale notification`);
  });
});
