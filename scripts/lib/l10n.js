// The extension's text for translators, made with Microsoft's @vscode/l10n-dev:
// l10n/bundle.l10n.json holds every vscode.l10n.t message of src/ (English, the
// source), and a pseudo-locale (qps-ploc: every letter accented, words lengthened)
// of it and of package.nls.json shows in a workbench what is left untranslated.
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PSEUDO = 'qps-ploc';

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Writes l10n/bundle.l10n.json, l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json; returns the bundle. */
async function buildL10n(root = ROOT) {
  const l10nDev = require('@vscode/l10n-dev');
  const files = sourceFiles(path.join(root, 'src')).map((f) => ({ extension: '.ts', contents: fs.readFileSync(f, 'utf8') }));
  const bundle = await l10nDev.getL10nJson(files);
  const nls = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
  const outDir = path.join(root, 'l10n');
  fs.mkdirSync(outDir, { recursive: true });
  const write = (file, data) => fs.writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  write(path.join(outDir, 'bundle.l10n.json'), bundle);
  write(path.join(outDir, `bundle.l10n.${PSEUDO}.json`), l10nDev.getL10nPseudoLocalized(bundle));
  write(path.join(root, `package.nls.${PSEUDO}.json`), l10nDev.getL10nPseudoLocalized(nls));
  return bundle;
}

module.exports = { buildL10n, PSEUDO };
