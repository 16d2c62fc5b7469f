// Runs code-server (the real VS Code workbench and extension host) and
// Debian's Chromium for the tests and the demo. See the README's "How the
// tests run" for the why of each flag.
'use strict';
const { execFileSync, spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

/** The repository root, also when this file is bundled into a test bundle under dist/. */
function findRoot(dir = __dirname) {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(d, 'package.json'), 'utf8')).name === 'influxdb-mgmt-tokens') return d;
    } catch {
      // keep looking
    }
  }
  throw new Error(`no influxdb-mgmt-tokens package.json above ${dir}`);
}
const ROOT = findRoot();

/** Installs what is missing (Chromium, Node 24, code-server) and returns their paths. */
function ensureVscode() {
  const out = execFileSync('bash', [path.join(ROOT, 'scripts', 'ensure-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const vars = Object.fromEntries(out.trim().split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { entry: vars.CODE_SERVER_ENTRY, node: vars.NODE24 };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A folder for one run: user data, extensions, XDG dirs and TMPDIR all inside it. */
function makeRunDir(name) {
  // Keep the two latest runs of a kind for inspection; older ones go.
  const runs = path.join(ROOT, '.test-runs');
  const previous = fs.existsSync(runs) ? fs.readdirSync(runs).filter((d) => new RegExp(`^${name}-\\d+$`).test(d)).sort() : [];
  for (const old of previous.slice(0, -2)) fs.rmSync(path.join(runs, old), { recursive: true, force: true });
  const dir = path.join(runs, `${name}-${Date.now()}`);
  for (const sub of ['user-data/User', 'user-data/Machine', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache', 'tmp', 'workspace']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  return dir;
}

function writeUserSettings(runDir, settings) {
  const base = {
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'workbench.tips.enabled': false,
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'workbench.enableExperiments': false,
    'window.commandCenter': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  };
  fs.writeFileSync(path.join(runDir, 'user-data', 'User', 'settings.json'), JSON.stringify({ ...base, ...settings }, null, 2));
  // The extension host of code-server is a remote one: settings of machine
  // scope (the influxctl and config paths) come from the Machine settings.
  fs.mkdirSync(path.join(runDir, 'user-data', 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(runDir, 'user-data', 'Machine', 'settings.json'), JSON.stringify(settings, null, 2));
}

function runEnv(runDir, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: path.join(runDir, 'tmp'),
    ...extra,
  };
}

/** The .vsix of the demo and the UI tests: a release build that keeps the switches meant for tests (see esbuild.js). */
const DEMO_VSIX = path.join(ROOT, 'dist', 'influxdb-mgmt-tokens-demo.vsix');

/** Builds and packages DEMO_VSIX. What users install (`npm run package`) has no test switches. */
function packageDemoVsix() {
  const env = { ...process.env, BUILD_WITH_TEST_SWITCHES: '1' };
  // vsce runs vscode:prepublish (the production build) itself, with this environment.
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--out', DEMO_VSIX], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  return DEMO_VSIX;
}

function installVsix(vscode, runDir, vsix) {
  execFileSync(vscode.node, [vscode.entry, '--install-extension', vsix, '--extensions-dir', path.join(runDir, 'extensions'), '--user-data-dir', path.join(runDir, 'user-data'), '--force'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: runEnv(runDir),
  });
}

/**
 * Makes code-server start in `locale` (with `startCodeServer(…, { locale })`):
 * installs a language pack for it (a folder holding its package.json) and
 * registers it in languagepacks.json, which code-server writes only when a
 * pack is installed from its own UI, and which decides the display language.
 */
function installLanguagePack(vscode, runDir, packDir, locale) {
  const vsix = path.join(runDir, `language-pack-${locale}.vsix`);
  execFileSync('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--out', vsix], { cwd: packDir, stdio: ['ignore', 'ignore', 'inherit'] });
  installVsix(vscode, runDir, vsix);
  const manifest = JSON.parse(fs.readFileSync(path.join(packDir, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = fs.readdirSync(path.join(runDir, 'extensions')).find((name) => name.toLowerCase().startsWith(`${id.toLowerCase()}-`));
  const localization = manifest.contributes.localizations.find((l) => l.languageId === locale);
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, path.join(runDir, 'extensions', installed, t.path)]));
  fs.writeFileSync(
    path.join(runDir, 'user-data', 'languagepacks.json'),
    JSON.stringify({ [locale]: { hash: `${id}-${manifest.version}`, extensions: [{ extensionIdentifier: { id }, version: manifest.version }], translations, label: localization.languageName } }),
  );
}

async function waitForHealth(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${ms} ms`);
}

/**
 * Starts code-server in its own process group (stopping the group also stops
 * the extension host). smoke: the smoke-test driver that runs extension tests.
 */
async function startCodeServer(vscode, runDir, { smoke = false, env = {}, port, host = '127.0.0.1', logFile, locale } = {}) {
  port = port ?? (await freePort());
  const args = [
    vscode.entry,
    '--bind-addr', `${host}:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--config', path.join(runDir, 'code-server.yaml'),
    '--user-data-dir', path.join(runDir, 'user-data'),
    '--extensions-dir', path.join(runDir, 'extensions'),
  ];
  if (smoke) args.push('--vscode-option', 'enable-smoke-test-driver');
  if (locale) args.push('--locale', locale);
  fs.writeFileSync(path.join(runDir, 'code-server.yaml'), '');
  const log = fs.openSync(logFile ?? path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(vscode.node, args, { detached: true, stdio: ['ignore', log, log], env: runEnv(runDir, env) });
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHealth(url, 30000);
  } catch (err) {
    stop();
    throw err;
  }
  return { url, port, stop, child };
}

/** Debian's Chromium through playwright-core, headless, with no network chatter. */
async function launchChromium(runDir, { headless = true } = {}) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(runDir, 'chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless,
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

function remoteUri(host, absPath) {
  return `vscode-remote://${host}${absPath}`;
}

module.exports = { ROOT, DEMO_VSIX, packageDemoVsix, ensureVscode, freePort, makeRunDir, writeUserSettings, installVsix, installLanguagePack, startCodeServer, launchChromium, runEnv, remoteUri };
