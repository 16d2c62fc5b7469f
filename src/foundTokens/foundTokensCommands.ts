import * as vscode from 'vscode';
import type { Log } from '../base/log';
import type { ConfigFileModel } from '../state/configFileModel';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { ManagementTokensModel } from '../state/managementTokensModel';
import type { SettingsModel } from '../state/settings';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { Prompts } from '../ui/prompts';
import { foundProfileKey, type FoundRowWords } from './foundInFiles';
import { FoundTokenIndex, type FoundLocation } from './foundTokenIndex';
import { KnownSecrets } from './knownSecrets';
import { MAX_FILE_BYTES, WorkspaceScan, type ScanOutcome } from './workspaceScan';

export interface FoundTokensDeps {
  settings: SettingsModel;
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  secrets: TokenSecretStore;
  /** The tree, told what rows say about files. */
  rows: FoundRowWords;
  log: Log;
  prompts: Prompts;
  /** Where the scan's watcher and diagnostics are disposed of with the extension. */
  subscriptions: vscode.Disposable[];
}

/** How often the progress notification says how far the scan got. */
const PROGRESS_EVERY_MS = 250;

/** What Show Where Found needs of a token row of the tree (tree/nodes.ts, a layer above). */
interface TokenRow {
  kind: 'token' | 'databaseToken';
  configPath: string;
  profile: { name: string };
  token: { id: string };
}

function isTokenRow(arg: unknown): arg is TokenRow {
  const kind = (arg as { kind?: unknown } | undefined)?.kind;
  return kind === 'token' || kind === 'databaseToken';
}

/** What the notification after a whole scan says. */
function describeOutcome(outcome: Extract<ScanOutcome, { kind: 'done' }>): string {
  const megabytes = MAX_FILE_BYTES / 1024 / 1024;
  if (outcome.tokens === 0) {
    return outcome.skipped === 0
      ? vscode.l10n.t('No InfluxDB tokens were found in the workspace.')
      : vscode.l10n.t({
          message: 'No InfluxDB tokens were found in the workspace. Files that may hold one but were skipped as binary or larger than {1} MB: {0}.',
          args: [outcome.skipped, megabytes],
          comment: ['{0} is a number of files, {1} the size limit in megabytes'],
        });
  }
  return outcome.skipped === 0
    ? vscode.l10n.t({ message: 'InfluxDB tokens found in the workspace: {0}, in files: {1}. The Problems panel lists them.', args: [outcome.tokens, outcome.files], comment: ['{0} is a number of tokens, {1} a number of files'] })
    : vscode.l10n.t({
        message: 'InfluxDB tokens found in the workspace: {0}, in files: {1}. The Problems panel lists them. Files that may hold one but were skipped as binary or larger than {3} MB: {2}.',
        args: [outcome.tokens, outcome.files, outcome.skipped, megabytes],
        comment: ['{0} is a number of tokens, {1} and {2} numbers of files, {3} the size limit in megabytes'],
      });
}

/** What each row of the tree says about files: a token row in how many its token was found, a profile row its leaks summed. */
function rowWords(index: FoundTokenIndex): Map<string, string> {
  const words = new Map<string, string>();
  if (index.isEmpty) return words;
  for (const id of index.tokenIds()) {
    const files = index.filesOf(id);
    if (files > 0) words.set(id, files === 1 ? vscode.l10n.t('found in 1 file') : vscode.l10n.t('found in {0} files', files));
  }
  for (const name of index.profileNames()) {
    const leaks = index.filesOfProfile(name);
    if (leaks > 0) words.set(foundProfileKey(name), leaks === 1 ? vscode.l10n.t('1 leak') : vscode.l10n.t({ message: '{0} leaks', args: [leaks], comment: ['{0}: in how many files tokens of the profile were found, summed over its tokens'] }));
  }
  return words;
}

/** Find InfluxDB Tokens in Workspace and Show Where Found, from dist/foundTokens.js. */
export class FoundTokensCommands implements vscode.Disposable {
  readonly index = new FoundTokenIndex();
  readonly scan: WorkspaceScan;
  readonly known: KnownSecrets;
  private running: Promise<ScanOutcome | undefined> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly deps: FoundTokensDeps) {
    this.scan = new WorkspaceScan({ settings: deps.settings, index: this.index, log: deps.log });
    this.known = new KnownSecrets({ ...deps, index: this.index });
    deps.subscriptions.push(this);
    // The tree's words follow what was found and whose it is.
    this.subscription = this.index.onDidChange(() => deps.rows.showFound(rowWords(this.index)));
  }

  /** Scans the workspace with a cancellable progress notification; a second run while one is under way joins it. */
  findInWorkspace(): Promise<ScanOutcome | undefined> {
    this.running ??= this.runScan().finally(() => (this.running = undefined));
    return this.running;
  }

  private async runScan(): Promise<ScanOutcome | undefined> {
    const { prompts } = this.deps;
    if (!vscode.workspace.workspaceFolders?.length) {
      void prompts.inform(vscode.l10n.t('Open a folder or workspace to find InfluxDB tokens in its files.'));
      return undefined;
    }
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Finding InfluxDB tokens in the workspace'), cancellable: true },
      (progress, cancel) => {
        let reported = 0;
        return this.scan.scanWorkspace(cancel, (files) => {
          if (Date.now() - reported < PROGRESS_EVERY_MS) return;
          reported = Date.now();
          progress.report({ message: vscode.l10n.t({ message: '{0} files read', args: [files], comment: ['{0} is a number of files'] }) });
        });
      },
    );
    if (outcome.kind === 'cancelled') return outcome;
    await this.known.update();
    const showProblems = vscode.l10n.t('Show Problems');
    void prompts.inform(describeOutcome(outcome), ...(outcome.tokens > 0 ? [showProblems] : [])).then((chosen) => {
      if (chosen === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return outcome;
  }

  /**
   * Where the last scan found a token (by its ID) of `configPath`, as the
   * secrets held now tell: for a rotation to name what it cannot update.
   */
  async whereFound(configPath: string, tokenId: string): Promise<FoundLocation[]> {
    if (this.index.isEmpty || configPath !== this.deps.config.path) return [];
    await this.known.update();
    return this.index.locationsOf(tokenId);
  }

  /** Opens where a token row's token was found: the one place, or the place picked from several. */
  async showWhereFound(node: unknown): Promise<void> {
    if (!isTokenRow(node)) return;
    const locations = this.index.locationsOf(node.token.id);
    if (locations.length === 0) {
      void this.deps.prompts.inform(vscode.l10n.t('This token was not found in any file of the workspace by the last scan.'));
      return;
    }
    let chosen: FoundLocation | undefined = locations[0];
    if (locations.length > 1) {
      const items = locations.map((location) => ({
        label: vscode.workspace.asRelativePath(location.uri),
        description: vscode.l10n.t({ message: 'line {0}', args: [location.range.start.line + 1], comment: ['{0} is a line number'] }),
        location,
      }));
      chosen = (await this.deps.prompts.pick(items, { title: vscode.l10n.t('Where the Token Was Found'), placeHolder: vscode.l10n.t('Choose a place to open') }))?.location;
    }
    if (chosen) await vscode.window.showTextDocument(chosen.uri, { selection: chosen.range });
  }

  dispose(): void {
    this.subscription.dispose();
    this.scan.dispose();
    this.known.dispose();
    this.index.dispose();
  }
}
