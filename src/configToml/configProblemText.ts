/**
 * config.toml's problems (lintConfig's findings) in words, and the titles of
 * their quick fixes. Part of the lint bundle (dist/lint.js), loaded with the
 * rules. Every value from the file is quoted and cut short; the core never
 * hands over one that looks like a token.
 */
import * as vscode from 'vscode';
import type { ConfigProblem, ProfileLabel } from '../core';

type Facts<C extends ConfigProblem['code']> = Extract<ConfigProblem, { code: C }>;

const PRODUCT_NAMES = { dedicated: 'Cloud Dedicated', clustered: 'Clustered' } as const;

/** A value from the file, as a quoted string cut short. */
function quoted(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 79)}…` : value);
}

function profileText(profile: ProfileLabel): string {
  return typeof profile === 'string' ? vscode.l10n.t('Profile {0}', quoted(profile)) : vscode.l10n.t('Profile {0}', profile);
}

/** " Did you mean …?", or nothing. */
function didYouMean(meant: string | undefined): string {
  return meant === undefined ? '' : ` ${vscode.l10n.t('Did you mean {0}?', meant)}`;
}

function syntaxText(p: Facts<'syntax'>): string {
  if (p.reason === 'tooDeep') {
    return p.key === undefined
      ? vscode.l10n.t('config.toml nests arrays or tables more than {0} levels deep', p.maxDepth)
      : vscode.l10n.t('config.toml nests arrays or tables more than {0} levels deep (under {1})', p.maxDepth, quoted(p.key));
  }
  return p.reason === 'invalid' ? vscode.l10n.t('config.toml is not valid TOML: {0}', p.detail) : vscode.l10n.t('config.toml could not be read: {0}', p.detail);
}

function encodingText(p: Facts<'bom'>): string {
  if (p.encoding === 'utf-8-bom') return vscode.l10n.t('config.toml starts with a UTF-8 byte order mark (BOM), which influxctl cannot read. Save it as UTF-8 without BOM.');
  return vscode.l10n.t(
    'config.toml is saved as UTF-16 {0} (what Windows PowerShell 5.1 writes), which influxctl cannot read. Save it as UTF-8 without BOM.',
    p.encoding === 'utf-16le' ? 'LE' : 'BE',
  );
}

function unknownKeyText(p: Facts<'unknownKey'>): string {
  if (p.key === undefined) {
    return p.table === ''
      ? vscode.l10n.t('A key that looks like a token (a secret) is at the top level of config.toml; influxctl only reads [[profile]] tables.')
      : vscode.l10n.t('A key that looks like a token (a secret) is in [{0}]; influxctl rejects keys it does not know.', p.table);
  }
  if (p.why === 'removed') return vscode.l10n.t('influxctl 2.9.8 removed {0} from [{1}]; influxctl rejects keys it does not know', p.key, p.table);
  if (p.why === 'parameter') return vscode.l10n.t('{0} is not a key of [{1}]; write it as {2}', p.key, p.table, `parameters = { ${p.key} = "…" }`);
  if (p.why === 'profileKeyInSubTable') {
    return vscode.l10n.t("{0} here belongs to [{1}], not to the profile: move it above the profile's first sub-table", p.key, p.table);
  }
  const text =
    p.table === ''
      ? vscode.l10n.t('Unknown key {0} at the top level of config.toml; influxctl only reads [[profile]] tables.', quoted(p.key))
      : vscode.l10n.t('Unknown key {0} in [{1}]; influxctl rejects keys it does not know.', quoted(p.key), p.table);
  return text + didYouMean(p.didYouMean);
}

function typeText(type: Facts<'wrongType'>['expected']): string {
  switch (type) {
    case 'string':
      return vscode.l10n.t('a string');
    case 'boolean':
      return vscode.l10n.t('true or false');
    case 'stringArray':
      return vscode.l10n.t('an array of strings');
    case 'tableArray':
      return vscode.l10n.t('[[profile]] tables');
    case 'table':
    case 'map':
      return vscode.l10n.t('a table');
  }
}

function foundText(found: Facts<'wrongType'>['found']): string {
  switch (found) {
    case 'string':
      return vscode.l10n.t('a string');
    case 'number':
      return vscode.l10n.t('a number');
    case 'boolean':
      return vscode.l10n.t('a boolean');
    case 'date':
      return vscode.l10n.t('a date');
    case 'array':
      return vscode.l10n.t('an array');
    case 'table':
    case 'tableHeader':
    case 'tableArrayHeader':
      return vscode.l10n.t('a table');
  }
}

function wrongTypeText(p: Facts<'wrongType'>): string {
  if (p.expected === 'tableArray' && p.found === 'tableHeader') return vscode.l10n.t('{0} must be written as [[{0}]] (an array of tables), not [{0}]', p.key);
  if (p.expected === 'tableArray') return vscode.l10n.t('{0} must be written as [[{0}]] tables, not {1}', p.key, foundText(p.found));
  if (p.found === 'tableArrayHeader') return vscode.l10n.t('{0} must be a single table: write [{1}], not [[…]]', p.key, `${p.table}.${p.key}`);
  const where = p.inline ? vscode.l10n.t('{0} (in [{1}])', p.key, p.table) : p.key;
  return vscode.l10n.t('{0} must be {1}, not {2}.', where, typeText(p.expected), foundText(p.found)) + didYouMean(p.didYouMean);
}

function missingFieldText(p: Facts<'missingField'>): string {
  const profile = profileText(p.profile);
  if (p.key === 'name') return vscode.l10n.t('{0} has no name; influxctl cannot select it with --profile', profile);
  if (p.key === 'product') {
    return p.empty
      ? vscode.l10n.t('{0} has an empty product; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)', profile)
      : vscode.l10n.t('{0} has no product; set product = "dedicated" (Cloud Dedicated) or "clustered" (Clustered)', profile);
  }
  return p.empty
    ? vscode.l10n.t('{0} has an empty {1}; {2} profiles need it', profile, p.key, PRODUCT_NAMES[p.product])
    : vscode.l10n.t('{0} has no {1}; {2} profiles need it', profile, p.key, PRODUCT_NAMES[p.product]);
}

function badValueText(p: Facts<'badValue'>): string {
  const value = p.value === undefined ? '' : ` ${quoted(p.value)}`;
  switch (p.reason) {
    case 'tokenShaped':
      return vscode.l10n.t('{0} holds what looks like a token (a secret). Put the right value in {0}, and keep tokens in mgmt_token or token only.', p.key);
    case 'notUuid':
      return vscode.l10n.t('{0}{1} is not a UUID; set it to the ID the Cloud Dedicated console shows (8-4-4-4-12 hexadecimal digits)', p.key, value);
    case 'notHostName':
      return vscode.l10n.t('host{0} is not a host name; write only the name or IP address, for example "cluster-host.com" (no path, no user, no spaces or escapes; the port goes in port)', value);
    case 'notPort':
      return vscode.l10n.t('port{0} is not a port number; set port to a number from 1 to 65535, as a string', value);
    case 'portTwice':
      return vscode.l10n.t('host{0} has a port, and the profile sets port too; write the port in port only', value);
  }
}

/** What a problem says, as a diagnostic shows it. */
export function describeConfigProblem(p: ConfigProblem): string {
  switch (p.code) {
    case 'syntax':
      return syntaxText(p);
    case 'bom':
      return encodingText(p);
    case 'unknownKey':
      return unknownKeyText(p);
    case 'wrongType':
      return wrongTypeText(p);
    case 'orphanTable':
      return p.table === undefined ? vscode.l10n.t('This table must follow a [[profile]] header') : vscode.l10n.t('[{0}] must follow a [[profile]] header', p.table);
    case 'missingField':
      return missingFieldText(p);
    case 'badProduct':
      return vscode.l10n.t('product must be "dedicated" (Cloud Dedicated) or "clustered" (Clustered), not {0}.', quoted(p.value)) + didYouMean(p.didYouMean && `"${p.didYouMean}"`);
    case 'badValue':
      return badValueText(p);
    case 'duplicateName':
      return typeof p.profile === 'string'
        ? vscode.l10n.t('Another profile is already named {0}; influxctl would use only one of them. Rename one.', quoted(p.profile))
        : vscode.l10n.t('Profile {0} has the name of an earlier profile; influxctl would use only one of them. Rename one.', p.profile);
  }
}

/** The title of a problem's quick fix, when it has one (a suggestion). */
export function configFixTitle(p: ConfigProblem): string | undefined {
  if (p.suggestion === undefined) return undefined;
  return p.code === 'bom' ? vscode.l10n.t('Remove the byte order mark') : vscode.l10n.t('Change to {0}', p.suggestion);
}
