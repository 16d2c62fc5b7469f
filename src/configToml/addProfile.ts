import { promises as fs } from 'fs';
import * as vscode from 'vscode';
import { appendProfile, examineOrigin, type ClusterOriginField, type NewProfile } from '../core';
import { Command } from '../base/commandIds';
import type { Log } from '../base/log';
import { describeClusterOriginProblem } from '../managementApi/clusterOriginText';
import type { ConfigFileModel } from '../state/configFileModel';
import { describeConfigError, describeError, isNamed, withoutFullStop } from '../ui/coreText';
import { runSteps, type InputStep } from '../ui/multiStepInput';
import type { Prompts } from '../ui/prompts';
import { BACK } from '../ui/quickInputStep';
import { CONFIG_HEADER } from './configTemplate';

interface ProductItem extends vscode.QuickPickItem {
  product: NewProfile['product'];
}

/** The answers of Add Profile's multi-step input. */
interface AddProfileAnswers {
  product?: NewProfile['product'];
  name?: string;
  account_id?: string;
  cluster_id?: string;
  host?: string;
  port?: string;
}

type Field = 'name' | ClusterOriginField;

/**
 * Add Profile…: product, name, then account_id and cluster_id (Cloud
 * Dedicated) or host and port (Clustered), as one multi-step input; a
 * `[[profile]]` table appended to config.toml (created when there is none),
 * nothing else in it touched; then the file, at the new profile, and the
 * offer to set its mgmt_token (a secret is never asked here).
 */
export class AddProfile {
  constructor(private readonly deps: { config: ConfigFileModel; log: Log; prompts: Prompts }) {}

  async run(): Promise<boolean> {
    const { config, prompts, log } = this.deps;
    const state = await config.state();
    if (state.kind === 'malformed' || state.kind === 'unreadable') {
      const open = vscode.l10n.t('Open config.toml');
      const why = state.kind === 'malformed' ? describeConfigError(state.error) : state.error.message;
      if ((await prompts.error(vscode.l10n.t('No profile can be added until config.toml is fixed ({0}).', withoutFullStop(why)), open)) === open) await vscode.commands.executeCommand(Command.openConfig);
      return false;
    }
    const taken = new Set(state.kind === 'ok' ? state.profiles.map((p) => p.name) : []);
    const answers = await runSteps<AddProfileAnswers>({}, (a) => this.steps(a, taken));
    const profile = answers && newProfile(answers);
    if (!profile) return false;

    const file = config.path;
    try {
      const exists = await fs.access(file).then(
        () => true,
        () => false,
      );
      // create never overwrites: a file that appeared meanwhile is edited instead.
      if (!exists && (await config.create(appendProfile(CONFIG_HEADER, profile)))) log.info(`Created ${file} with profile "${profile.name}"`);
      else await config.edit(file, (text) => appendProfile(text, profile));
    } catch (err) {
      log.error(`Adding profile "${profile.name}" to ${file}: ${(err as Error).message}`);
      await prompts.error(describeAddFailure(profile.name, file, err));
      return false;
    }
    log.info(`Added profile "${profile.name}" to ${file}`);
    await this.reveal(file, profile.name);
    const setToken = vscode.l10n.t('Set mgmt_token…');
    void prompts
      .inform(vscode.l10n.t('Added profile "{0}" to config.toml. To manage its tokens, influxctl needs a management token: set its mgmt_token now?', profile.name), setToken)
      .then((choice) => choice === setToken && vscode.commands.executeCommand(Command.setProfileMgmtToken, profile.name));
    return true;
  }

  private steps(answers: AddProfileAnswers, taken: ReadonlySet<string>): InputStep<AddProfileAnswers>[] {
    const { prompts } = this.deps;
    const title = vscode.l10n.t('Add Profile');
    const askProduct: InputStep<AddProfileAnswers> = async (step, a) => {
      const items: ProductItem[] = [
        { label: vscode.l10n.t('InfluxDB Cloud Dedicated'), detail: vscode.l10n.t('product = "dedicated": reached by its account ID and cluster ID'), product: 'dedicated' },
        { label: vscode.l10n.t('InfluxDB Clustered'), detail: vscode.l10n.t('product = "clustered": reached by its host name and port'), product: 'clustered' },
      ];
      const picked = await prompts.pick(items, { title, placeHolder: vscode.l10n.t('Which product does the profile connect to?'), active: items.find((i) => i.product === a.product), step });
      return picked === undefined || picked === BACK ? picked : { ...a, product: picked.product };
    };
    const ask = (field: Field, prompt: string, placeHolder: string | undefined, validate: (value: string, a: AddProfileAnswers) => string | undefined, suggested?: string): InputStep<AddProfileAnswers> => {
      return async (step, a) => {
        const value = await prompts.input({ title, step, prompt, placeHolder, value: a[field] ?? suggested, ignoreFocusOut: true, validateInput: (v) => validate(v.trim(), a) });
        return value === undefined || value === BACK ? value : { ...a, [field]: value.trim() };
      };
    };
    const askName = ask(
      'name',
      vscode.l10n.t('Name of the profile (influxctl --profile; "default" is used when none is given)'),
      undefined,
      (v) =>
        v === ''
          ? vscode.l10n.t('A profile needs a name.')
          : taken.has(v)
            ? vscode.l10n.t('config.toml already has a profile named "{0}".', v)
            : /[\r\n]/.test(v)
              ? vscode.l10n.t('The name must be a single line.')
              : undefined,
      taken.has('default') ? undefined : 'default',
    );
    const origin = (field: ClusterOriginField, fields: Partial<Record<ClusterOriginField, string>>) => (v: string) => originProblem(field, { ...fields, [field]: v });
    const dedicated = [
      ask('account_id', vscode.l10n.t('Account ID (a UUID, as the Cloud Dedicated console shows it)'), '00000000-0000-0000-0000-000000000000', (v) => origin('account_id', { product: 'dedicated' })(v)),
      ask('cluster_id', vscode.l10n.t('Cluster ID (a UUID, as the Cloud Dedicated console shows it)'), '00000000-0000-0000-0000-000000000000', (v) => origin('cluster_id', { product: 'dedicated' })(v)),
    ];
    const clustered = [
      ask('host', vscode.l10n.t('Host name of the cluster, for example cluster-host.com'), 'cluster-host.com', (v) => origin('host', { product: 'clustered' })(v)),
      ask('port', vscode.l10n.t('Port (optional; empty for 443)'), '443', (v, a) => (v === '' ? undefined : origin('port', { product: 'clustered', host: a.host })(v))),
    ];
    return [askProduct, askName, ...(answers.product === 'clustered' ? clustered : dedicated)];
  }

  /** Opens config.toml at the new profile. */
  private async reveal(file: string, name: string): Promise<void> {
    const state = await this.deps.config.state();
    const line = state.kind === 'ok' ? state.profiles.find((p) => p.name === name)?.line : undefined;
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(file)));
    if (line === undefined) return;
    const at = new vscode.Position(line, 0);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** What is wrong with one field of the cluster's address, as a sentence; undefined when nothing is. */
function originProblem(field: ClusterOriginField, fields: Partial<Record<ClusterOriginField, string>>): string | undefined {
  const examined = examineOrigin(fields);
  const problem = examined.ok ? undefined : examined.problems.find((p) => p.field === field);
  return problem && vscode.l10n.t({ message: '{0}.', args: [describeClusterOriginProblem(problem)], comment: ['{0} is a sentence without its full stop'] });
}

/** The profile the answers describe (only the answers its product uses), or undefined when one is missing. */
function newProfile(a: AddProfileAnswers): NewProfile | undefined {
  if (!a.name) return undefined;
  if (a.product === 'dedicated' && a.account_id && a.cluster_id) return { name: a.name, product: 'dedicated', account_id: a.account_id, cluster_id: a.cluster_id };
  if (a.product === 'clustered' && a.host) return { name: a.name, product: 'clustered', host: a.host, ...(a.port ? { port: a.port } : {}) };
  return undefined;
}

function describeAddFailure(name: string, file: string, err: unknown): string {
  if (isNamed<{ code: string } & Error>(err, 'ProfileAddError')) {
    if (err.code === 'duplicateProfile') return vscode.l10n.t('config.toml already has a profile named "{0}"; nothing was written.', name);
    if (err.code === 'notUnicode') return vscode.l10n.t('Profile "{0}" was not added: its values are not valid Unicode text.', name);
    return vscode.l10n.t('Profile "{0}" was not added: config.toml could not take a new [[profile]] table without changing what the rest of it means (are its profiles written as profile = [...]?). Add it by hand.', name);
  }
  return vscode.l10n.t('Could not add profile "{0}" to {1}: {2}', name, file, describeError(err));
}
