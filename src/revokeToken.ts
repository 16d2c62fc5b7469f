import * as vscode from 'vscode';
import { isTokenOfSecret, tokenStatus, type ManagementToken } from './core';
import { createToken, reportFailure } from './createToken';
import { isNode, resolveProfile } from './profilePicker';
import type { ProfileNode, TokenNode } from './profilesTree';
import { withCancellableProgress } from './progress';
import type { Services } from './services';
import { readSettings } from './settings';

export interface RevokeOutcome {
  revoked: string[];
  failed: string[];
}

function isRevocable(n: TokenNode): boolean {
  return n.status === 'active' || n.status === 'expiring';
}

function label(t: ManagementToken): string {
  return `${t.description || '(no description)'} (${t.id})`;
}

/** The token nodes to revoke: the clicked row and the selection, or a pick from the palette. */
async function chooseTokens(services: Services, clicked: unknown, selected: unknown): Promise<TokenNode[] | undefined> {
  const fromTree = (Array.isArray(selected) && selected.length ? selected : [clicked]).filter((n) => isNode(n, 'token')) as TokenNode[];
  if (fromTree.length) return fromTree.filter(isRevocable);
  const target = await resolveProfile(services, clicked, 'Revoke Management Token');
  if (!target) return undefined;
  const load = await services.tokens.load(target.configPath, target.profile);
  if (load.kind === 'error') {
    await reportFailure(services, `Listing the tokens of "${target.profile.name}" failed`, load.error);
    return undefined;
  }
  const now = new Date();
  const warningDays = readSettings().expiryWarningDays;
  const items = load.tokens
    .map((token) => ({ token, status: tokenStatus(token, now, warningDays) }))
    .filter((x) => x.status === 'active' || x.status === 'expiring')
    .map(({ token, status }) => ({
      label: token.description || token.id,
      description: token.id,
      detail: `${status}${token.expiresAt ? `, expires ${token.expiresAt.toISOString()}` : ', never expires'}`,
      node: { kind: 'token', configPath: target.configPath, profile: target.profile, token, status, hasSecret: false, inUseBy: [] } as TokenNode,
    }));
  if (items.length === 0) {
    await services.prompts.inform(`Profile "${target.profile.name}" has no active management tokens.`);
    return undefined;
  }
  const picked = await services.prompts.pickMany(items, { title: `Revoke Management Tokens (${target.profile.name})`, placeHolder: 'Select the tokens to revoke', matchOnDescription: true });
  return picked?.map((p) => p.node);
}

/** Revokes after a modal confirmation, one influxctl call per profile, then checks what was revoked. */
export async function revokeTokens(services: Services, clicked?: unknown, selected?: unknown): Promise<RevokeOutcome | undefined> {
  const nodes = await chooseTokens(services, clicked, selected);
  if (!nodes || nodes.length === 0) return undefined;

  const inUse = nodes.filter((n) => isTokenOfSecret(n.profile.mgmtToken, n.token));
  const lines = nodes.map((n) => `• ${label(n.token)} — profile "${n.profile.name}"`);
  const warning = inUse.length
    ? `\n\nWarning: ${inUse.map((n) => `"${n.token.description || n.token.id}" is the mgmt_token of profile "${n.profile.name}"`).join('; ')}. Revoking it cuts influxctl's own access with that profile.`
    : '';
  const title = nodes.length === 1 ? 'Revoke this management token?' : `Revoke ${nodes.length} management tokens?`;
  const choice = await services.prompts.warn(title, `${lines.join('\n')}\n\nThis cannot be undone.${warning}`, 'Revoke');
  if (choice !== 'Revoke') return undefined;

  const byProfile = new Map<string, { target: ProfileNode; ids: string[] }>();
  for (const n of nodes) {
    const key = `${n.configPath}\0${n.profile.name}`;
    const group = byProfile.get(key) ?? { target: { kind: 'profile', configPath: n.configPath, profile: n.profile }, ids: [] };
    group.ids.push(n.token.id);
    byProfile.set(key, group);
  }

  const outcome: RevokeOutcome = { revoked: [], failed: [] };
  await withCancellableProgress('Revoking management tokens…', async (signal, report) => {
    for (const { target, ids } of byProfile.values()) {
      report(`profile "${target.profile.name}"`);
      const client = services.tokens.client(target.configPath);
      let error: unknown;
      try {
        await client.revokeManagementTokens(target.profile.name, ids, signal);
      } catch (err) {
        error = err;
      }
      // What counts is what the cluster says now, not the exit code alone.
      const revokedNow = new Set<string>();
      if (!error) ids.forEach((id) => revokedNow.add(id));
      else {
        try {
          const after = await client.listManagementTokens(target.profile.name, signal);
          for (const t of after) if (ids.includes(t.id) && t.revokedAt) revokedNow.add(t.id);
        } catch {
          // Unknown: report all as failed rather than claim success.
        }
      }
      for (const id of ids) {
        if (revokedNow.has(id)) {
          outcome.revoked.push(id);
          await services.secrets.delete(target.configPath, target.profile.name, id);
        } else outcome.failed.push(id);
      }
      if (error) services.log.error(`Revoking in profile "${target.profile.name}" failed: ${(error as Error).message}`);
      services.tokens.invalidate(target.profile.name);
    }
  });

  if (outcome.failed.length) {
    const msg = outcome.revoked.length
      ? `Revoked ${outcome.revoked.length} token(s); ${outcome.failed.length} could not be revoked: ${outcome.failed.join(', ')}.`
      : `Could not revoke ${outcome.failed.join(', ')}.`;
    void services.prompts.error(`${msg} See the log for influxctl's message.`, 'Show Log').then((c) => c && services.log.show());
  } else {
    void services.prompts.inform(outcome.revoked.length === 1 ? 'Revoked 1 management token.' : `Revoked ${outcome.revoked.length} management tokens.`);
  }
  return outcome;
}

export function registerTokenCommands(services: Services): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('influxdbTokens.createToken', (arg?: unknown) => createToken(services, arg)),
    vscode.commands.registerCommand('influxdbTokens.revokeToken', (clicked?: unknown, selected?: unknown) => revokeTokens(services, clicked, selected)),
    vscode.commands.registerCommand('influxdbTokens.copySecret', async (node?: TokenNode) => {
      if (!isNode(node, 'token')) return;
      const secret = await services.secrets.get(node!.configPath, node!.profile.name, node!.token.id);
      if (!secret) {
        await services.prompts.error(`No secret of token ${node!.token.id} is stored in VS Code.`);
        return;
      }
      await vscode.env.clipboard.writeText(secret);
      void vscode.window.setStatusBarMessage(`Copied the secret of "${node!.token.description || node!.token.id}"`, 3000);
    }),
  ];
}
