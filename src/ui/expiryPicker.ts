import * as vscode from 'vscode';
import { ExpiryError, formatRfc3339, parseExpiry } from '../core';
import { describeExpiryError } from './coreText';
import type { Prompts } from './prompts';

export interface ExpiryItem extends vscode.QuickPickItem {
  /** What parseExpiry takes; undefined for "Custom…". */
  expiry?: string;
}

const EXPIRY_PRESETS: ExpiryItem[] = [
  { label: vscode.l10n.t('1 day'), expiry: '1d' },
  { label: vscode.l10n.t('7 days'), expiry: '7d' },
  { label: vscode.l10n.t('30 days'), expiry: '30d' },
  { label: vscode.l10n.t('90 days'), expiry: '90d' },
  { label: vscode.l10n.t('1 year'), expiry: '1y' },
  { label: vscode.l10n.t('Never'), expiry: 'never', detail: vscode.l10n.t('The token stays valid until it is revoked.') },
  { label: vscode.l10n.t('Custom…'), description: vscode.l10n.t('a date, an RFC3339 time or a duration such as 12h') },
];
const DEFAULT_PRESET = EXPIRY_PRESETS[2].label;

/**
 * Asks when a new token expires: a preset, or a custom value validated (and
 * shown in UTC) as it is typed. undefined = cancelled; no expiresAt = never.
 */
export async function askExpiry(prompts: Prompts, title: string, defaultLabel = DEFAULT_PRESET, extra: ExpiryItem[] = []): Promise<{ expiresAt?: Date } | undefined> {
  const now = () => new Date();
  const items = [...extra, ...EXPIRY_PRESETS].map((item) => ({
    ...item,
    description: item.expiry && item.expiry !== 'never' ? vscode.l10n.t('until {0}', formatRfc3339(parseExpiry(item.expiry, now())!)) : item.description,
  }));
  const preset = await prompts.pick(items, { title, placeHolder: vscode.l10n.t('When should the token expire?'), active: items.find((i) => i.label === defaultLabel) });
  if (!preset) return undefined;
  if (preset.expiry !== undefined) return { expiresAt: parseExpiry(preset.expiry, now()) };
  const custom = await prompts.input({
    title,
    prompt: vscode.l10n.t('Expiry: 2030-01-31, 2030-01-31T12:00:00Z, 12h, 7d, 2w, 1y, or never'),
    placeHolder: '7d',
    validateInput: (value) => {
      try {
        const at = parseExpiry(value, now());
        return { message: at ? vscode.l10n.t('Expires {0} (UTC).', formatRfc3339(at)) : vscode.l10n.t('Never expires.'), severity: vscode.InputBoxValidationSeverity.Info };
      } catch (err) {
        return err instanceof ExpiryError ? describeExpiryError(err) : String(err);
      }
    },
  });
  if (custom === undefined) return undefined;
  return { expiresAt: parseExpiry(custom, now()) };
}
