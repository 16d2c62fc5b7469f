import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ConfigFileModel } from '../state/configFileModel';
import { SECTION, type SettingsModel } from '../state/settings';
import { isProfileRef } from '../state/refs';
import type { Prompts } from '../ui/prompts';
import { withoutFullStop } from '../ui/coreText';
import { CONFIG_TEMPLATE } from './configTemplate';
import { describeConfigProblem } from './configProblemText';
import { lintConfig } from '../core';

/** Where a row asks config.toml to be opened at (a malformed file's error row carries one). */
function positionOf(node: unknown): { line: number; column: number } | undefined {
  const at = (node as { position?: { line?: unknown; column?: unknown } } | undefined)?.position;
  return typeof at?.line === 'number' && typeof at.column === 'number' ? { line: at.line, column: at.column } : undefined;
}

/** Finding, opening and creating influxctl's config.toml, and pointing the settings at it or at influxctl. */
export class ConfigFileCommands {
  constructor(private readonly deps: { config: ConfigFileModel; settings: SettingsModel; prompts: Prompts }) {}

  /** Opens config.toml, at a malformed row's position or a profile's line. */
  async open(node?: unknown): Promise<void> {
    const file = this.deps.config.path;
    try {
      await fs.access(file);
    } catch {
      const create = vscode.l10n.t('Create config.toml');
      const choose = vscode.l10n.t('Choose a File…');
      const choice = await this.deps.prompts.error(vscode.l10n.t('There is no config.toml at {0}.', file), create, choose);
      if (choice === create) await this.create();
      if (choice === choose) await this.choose();
      return;
    }
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
    const at = positionOf(node) ?? (isProfileRef(node) ? { line: node.profile.line, column: 0 } : undefined);
    if (at) {
      const pos = new vscode.Position(at.line, at.column);
      editor.selection = new vscode.Selection(pos, pos);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  /** Creates a commented config.toml (never over an existing one) and opens it. */
  async create(): Promise<void> {
    const file = this.deps.config.path;
    try {
      await this.deps.config.create(CONFIG_TEMPLATE);
    } catch (err) {
      await this.deps.prompts.error(vscode.l10n.t('Could not create {0}: {1}.', file, withoutFullStop((err as Error).message)));
      return;
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
  }

  /** Points influxdbTokens.configPath at a file the user picks. */
  async choose(): Promise<void> {
    const picked = await vscode.window.showOpenDialog({ title: vscode.l10n.t('Choose influxctl config.toml'), canSelectMany: false, filters: { TOML: ['toml'] } });
    if (picked?.[0]) await this.deps.settings.update('configPath', picked[0].fsPath);
  }

  /**
   * Saves config.toml as UTF-8 without a byte order mark (influxctl refuses
   * a mark and reads UTF-8 only), on disk and atomically; an editor showing
   * it reloads.
   */
  async saveConfigAsUtf8(uri?: unknown): Promise<void> {
    const file = uri instanceof vscode.Uri ? uri.fsPath : this.deps.config.path;
    if (vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'file' && d.uri.fsPath === file && d.isDirty)) {
      await this.deps.prompts.error(vscode.l10n.t('{0} has unsaved changes: save or revert them, then save it as UTF-8 again.', path.basename(file)));
      return;
    }
    try {
      await this.deps.config.rewrite(file, (text) => text.replace(/^\uFEFF/, ''), 'utf-8');
    } catch (err) {
      await this.deps.prompts.error(vscode.l10n.t('Could not rewrite {0}: {1}.', file, withoutFullStop((err as Error).message)));
    }
  }

  async setInfluxctlPath(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.influxctlPath`);
  }

  /** Install influxctl: InfluxData's download and install instructions, in the browser. */
  async installInfluxctl(): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(INSTALL_INFLUXCTL_URL));
  }

  /**
   * Fix in config.toml: opens the file at the first problem the editor
   * reports inside the profile's table (the one its row warns of), else at
   * the profile. From the palette: the profiles with problems to choose from.
   */
  async fixProfile(arg?: unknown): Promise<void> {
    const state = await this.deps.config.state();
    if (state.kind !== 'ok') return this.open(arg);
    const problems = lintConfig(state.text).filter((p) => p.code !== 'syntax');
    const ranges = state.profiles.map((p, i) => ({ profile: p, from: p.line, to: state.profiles.slice(i + 1).find((q) => q.line > p.line)?.line ?? Infinity }));
    const firstProblem = (r: (typeof ranges)[number]) => problems.find((p) => p.line >= r.from && p.line < r.to);
    let chosen = isProfileRef(arg) ? ranges.find((r) => r.profile.index === arg.profile.index && r.profile.name === arg.profile.name) : undefined;
    if (!chosen) {
      const candidates = ranges.filter((r) => firstProblem(r));
      if (candidates.length === 0) return this.open();
      const picked = await this.deps.prompts.pick(
        candidates.map((r) => ({ label: r.profile.name, description: describeConfigProblem(firstProblem(r)!), range: r })),
        { title: vscode.l10n.t('Fix in config.toml'), placeHolder: vscode.l10n.t('Which profile?') },
      );
      if (!picked) return;
      chosen = picked.range;
    }
    const problem = firstProblem(chosen);
    await this.open({ position: problem ? { line: problem.line, column: problem.column } : { line: chosen.profile.line, column: 0 } });
  }
}

const INSTALL_INFLUXCTL_URL = 'https://docs.influxdata.com/influxdb3/cloud-dedicated/reference/cli/influxctl/#download-and-install-influxctl';
