import * as vscode from 'vscode';
import type { TokenHandover } from '../state/tokenHandovers';
import type { Prompts } from '../ui/prompts';

/** Where a file holds the old token: as the token finder saw it. */
export interface FileUsage {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** What still holds the old token and cannot be updated by the rotation, one sentence each. */
export function describeUsages(files: readonly FileUsage[], handovers: readonly TokenHandover[]): string[] {
  const lines = files.map((f) =>
    vscode.l10n.t({
      message: '{0}, line {1}: the token finder saw the old token there; replace it.',
      args: [vscode.workspace.asRelativePath(f.uri), f.range.start.line + 1],
      comment: ['{0} is a file path, {1} a line number'],
    }),
  );
  for (const h of handovers) {
    if (h.kind === 'terminal') lines.push(vscode.l10n.t('Terminal "{0}" was given the old token: close it and open a new one.', h.name));
    else if (h.kind === 'launch') lines.push(vscode.l10n.t('Debug session "{0}" was given the old token: restart it.', h.name));
    else lines.push(vscode.l10n.t('Task "{0}" was given the old token: run it again.', h.name));
  }
  return lines;
}

/** The profiles named in a sentence: "a", "b". */
export function quotedNames(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

/** Where the new token stands: its secret stored or not, and which profiles of config.toml use it. */
export function newTokenSentence(description: string, id: string, stored: boolean, updated: readonly string[]): string {
  const token = stored
    ? vscode.l10n.t('The new token "{0}" ({1}) has the same permissions and its secret is stored securely in VS Code.', description, id)
    : vscode.l10n.t('The new token "{0}" ({1}) has the same permissions; VS Code could not store its secret, which was shown once.', description, id);
  if (updated.length === 0) return token;
  return `${token} ${vscode.l10n.t('influxctl query and write of these profiles of config.toml now use it: {0}.', quotedNames(updated))}`;
}

/** What config.toml says about the old token before the revocation is offered. */
export function configSentence(oldSecretKnown: boolean, updated: readonly string[]): string | undefined {
  if (!oldSecretKnown) return vscode.l10n.t('The old token\'s secret is not stored in VS Code, so neither config.toml nor the files the token finder read could be searched for it.');
  return updated.length ? undefined : vscode.l10n.t('No profile of config.toml uses the old token for influxctl query and write.');
}

/** The two things to know before revoking: agents keep what they were started with, and a new token takes a moment to be accepted. */
export function beforeRevokingSentence(): string {
  return vscode.l10n.t(
    'Agents such as Telegraf that were started with the old token keep using it until they are restarted, even after their configuration changes. A new token can take a few seconds to be accepted: restart what uses the old token once the new one works.',
  );
}

/** Opens where the old token was found: the one place, or the places picked from several (all ticked). */
export async function openFileUsages(prompts: Prompts, files: readonly FileUsage[]): Promise<void> {
  let chosen: readonly FileUsage[] | undefined = files;
  if (files.length > 1) {
    const items = files.map((usage) => ({
      label: vscode.workspace.asRelativePath(usage.uri),
      description: vscode.l10n.t({ message: 'line {0}', args: [usage.range.start.line + 1], comment: ['{0} is a line number'] }),
      picked: true,
      usage,
    }));
    chosen = (await prompts.pickMany(items, { title: vscode.l10n.t('Where the Old Token Was Found'), placeHolder: vscode.l10n.t('Choose the places to open') }))?.map((i) => i.usage);
  }
  for (const usage of chosen ?? []) await vscode.window.showTextDocument(usage.uri, { selection: usage.range, preview: false });
}
