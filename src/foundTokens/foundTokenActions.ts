import * as vscode from 'vscode';
import { Command } from '../base/commandIds';
import { profileRef, type DatabaseTokenRef, type ManagementTokenRef } from '../state/refs';
import { envReferenceEdit } from './envReference';
import type { Finding, FoundTokenDiagnostics } from './foundTokenDiagnostics';
import { DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './workspaceScan';

/** Ignore this finding: the quick fix's own command, not in the palette. */
export const IGNORE_FINDING_COMMAND = '_influxdbTokens.ignoreFoundToken';

/** Where a finding is, for the commands of its quick fixes: they read the token again from the document, never from an argument. */
export interface FindingLocation {
  uri: string;
  start: number;
}

function isOurs(d: vscode.Diagnostic): boolean {
  return d.source === DIAGNOSTIC_SOURCE && d.code === DIAGNOSTIC_CODE;
}

/**
 * The quick fixes of a found token: Revoke (a known active token, the tree's
 * revoke path), Rotate (a known active database token, or a profile's mgmt_token), Replace with an environment
 * variable reference (where the file type has a well-known form), Remember
 * (an unknown management token), and Ignore.
 */
export class FoundTokenActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: FoundTokenDiagnostics) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter(isOurs);
    // The workspace scan's diagnostic of the same token (same source and code) gets the same fixes, once.
    return this.diagnostics.findingsOf(doc.uri).flatMap((finding) => {
      const diagnostics = ours.filter((d) => d.range.isEqual(finding.range));
      return diagnostics.length ? this.actionsFor(doc, finding, diagnostics) : [];
    });
  }

  private actionsFor(doc: vscode.TextDocument, f: Finding, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const add = (title: string, fill: (a: vscode.CodeAction) => void) => {
      const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = diagnostics;
      fill(action);
      actions.push(action);
    };
    const { identity } = f;
    if (identity.known && identity.listed && ['active', 'expiring'].includes(identity.listed.status)) {
      const { configPath, profile, listed } = identity;
      const ref: ManagementTokenRef | DatabaseTokenRef = listed.kind === 'management' ? { kind: 'token', configPath, profile, token: listed.token } : { kind: 'databaseToken', configPath, profile, token: listed.token };
      const command = listed.kind === 'management' ? Command.revokeToken : Command.revokeDatabaseToken;
      add(vscode.l10n.t('Revoke this token…'), (a) => (a.command = { command, title: a.title, arguments: [ref] }));
    }
    if (identity.known && identity.listed?.kind === 'database' && ['active', 'expiring'].includes(identity.listed.status)) {
      const ref: DatabaseTokenRef = { kind: 'databaseToken', configPath: identity.configPath, profile: identity.profile, token: identity.listed.token };
      add(vscode.l10n.t('Rotate this database token…'), (a) => (a.command = { command: Command.rotateDatabaseToken, title: a.title, arguments: [ref] }));
    }
    if (identity.known && identity.kind === 'management' && identity.configured) {
      const target = profileRef(identity.configPath, identity.profile);
      add(vscode.l10n.t('Rotate the mgmt_token of profile "{0}"…', identity.profile.name), (a) => (a.command = { command: Command.rotateProfileMgmtToken, title: a.title, arguments: [target] }));
    }
    const reference = doc.version === f.version && envReferenceEdit({ text: doc.getText(), languageId: doc.languageId, fileName: doc.fileName }, f);
    if (reference) {
      add(vscode.l10n.t('Replace with an environment variable reference ({0})', reference.reference), (a) => {
        a.edit = new vscode.WorkspaceEdit();
        for (const r of reference.replacements) a.edit.replace(doc.uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
      });
    }
    const location: FindingLocation = { uri: doc.uri.toString(), start: f.start };
    if (!identity.known && identity.kind === 'management') {
      add(vscode.l10n.t('Remember this token…'), (a) => (a.command = { command: Command.rememberFoundToken, title: a.title, arguments: [location] }));
    }
    add(vscode.l10n.t('Ignore this finding'), (a) => (a.command = { command: IGNORE_FINDING_COMMAND, title: a.title, arguments: [doc.uri, f.fingerprint] }));
    return actions;
  }
}
