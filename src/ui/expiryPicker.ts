import * as vscode from 'vscode';
import { DAY_MS, ExpiryError, formatRfc3339, parseExpiry } from '../core';
import { describeExpiryError } from './coreText';
import { runSteps, type InputStep } from './multiStepInput';
import type { Prompts } from './prompts';
import { BACK } from './quickInputStep';

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

/** The expiry question's answer: the preset's label, and what parseExpiry takes (the preset's, or `custom` as typed). */
export interface ExpiryAnswer {
  preset: string;
  presetExpiry?: string;
  custom?: string;
}

/**
 * The steps that ask when a new token expires, for a multi-step input whose
 * answers keep it as `expiry`: a preset, then, for "Custom…", a value
 * validated (and shown in UTC) as it is typed.
 */
export function expirySteps<A extends { expiry?: ExpiryAnswer }>(prompts: Prompts, title: string, answers: A, choices: { defaultLabel?: string; extra?: ExpiryItem[] } = {}): InputStep<A>[] {
  const now = () => new Date();
  const askPreset: InputStep<A> = async (step, a) => {
    const items = [...(choices.extra ?? []), ...EXPIRY_PRESETS].map((item) => ({
      ...item,
      description: item.expiry && item.expiry !== 'never' ? vscode.l10n.t('until {0}', formatRfc3339(parseExpiry(item.expiry, now())!)) : item.description,
    }));
    const previous = a.expiry?.preset ?? choices.defaultLabel ?? DEFAULT_PRESET;
    const preset = await prompts.pick(items, { title, placeHolder: vscode.l10n.t('When should the token expire?'), active: items.find((i) => i.label === previous), step });
    if (preset === undefined || preset === BACK) return preset;
    return { ...a, expiry: { ...a.expiry, preset: preset.label, presetExpiry: preset.expiry } };
  };
  const askCustom: InputStep<A> = async (step, a) => {
    const custom = await prompts.input({
      title,
      prompt: vscode.l10n.t('Expiry: 2030-01-31, 2030-01-31T12:00:00Z, 12h, 7d, 2w, 1y, or never'),
      placeHolder: '7d',
      value: a.expiry?.custom,
      step,
      validateInput: (value) => {
        try {
          const at = parseExpiry(value, now());
          return { message: at ? vscode.l10n.t('Expires {0} (UTC).', formatRfc3339(at)) : vscode.l10n.t('Never expires.'), severity: vscode.InputBoxValidationSeverity.Info };
        } catch (err) {
          return err instanceof ExpiryError ? describeExpiryError(err) : String(err);
        }
      },
    });
    if (custom === undefined || custom === BACK) return custom;
    return { ...a, expiry: { ...a.expiry!, custom } };
  };
  const chosenCustom = answers.expiry !== undefined && answers.expiry.presetExpiry === undefined;
  return chosenCustom ? [askPreset, askCustom] : [askPreset];
}

/** When a token expires by the answer to the expiry steps, counted from now; no expiresAt = never. */
export function expiresAtOf(answer: ExpiryAnswer): { expiresAt?: Date } {
  return { expiresAt: parseExpiry(answer.presetExpiry ?? answer.custom ?? '', new Date()) };
}

/** Asks when a new token expires, as a multi-step input of its own. undefined = cancelled; no expiresAt = never. */
export async function askExpiry(prompts: Prompts, title: string, defaultLabel?: string, extra: ExpiryItem[] = []): Promise<{ expiresAt?: Date } | undefined> {
  const answers = await runSteps<{ expiry?: ExpiryAnswer }>({}, (a) => expirySteps(prompts, title, a, { defaultLabel, extra }));
  return answers?.expiry && expiresAtOf(answers.expiry);
}

/** A rotated token's lifetime as the first (preselected) expiry choice for its replacement. */
export function sameLifetime(old: { createdAt: Date; expiresAt?: Date } | undefined): { extra: ExpiryItem[]; defaultLabel?: string } {
  if (!old) return { extra: [] };
  // The label of the preset, worded the same way.
  if (!old.expiresAt) return { extra: [], defaultLabel: vscode.l10n.t('Never') };
  const days = Math.max(1, Math.round((old.expiresAt.getTime() - old.createdAt.getTime()) / DAY_MS));
  const label = vscode.l10n.t('Same lifetime as the old token ({0} days)', days);
  return { extra: [{ label, expiry: `${days}d` }], defaultLabel: label };
}
