import * as vscode from 'vscode';
import { ALL_DATABASES, resourceProblem, type DatabaseTokenPermission, type Profile } from '../core';
import type { DatabaseTokensModel } from '../state/databaseTokensModel';
import type { Log } from '../base/log';
import { describeResourceProblem } from '../managementApi/databaseTokenText';
import type { InputStep } from '../ui/multiStepInput';
import { withCancellableProgress } from '../ui/progress';
import type { Prompts } from '../ui/prompts';
import { BACK } from '../ui/quickInputStep';
import { reportApiFailure } from './apiFailures';

type Action = DatabaseTokenPermission['action'];

interface ResourceItem extends vscode.QuickPickItem {
  resource?: string;
}

interface AccessItem extends vscode.QuickPickItem {
  /** Sorted and joined by "+" (as `accessKey` makes them); EACH for "Different per database…". */
  key: string;
}

const EACH = 'each';
const ACCESS: AccessItem[] = [
  { label: vscode.l10n.t({ message: 'Read and write', comment: ['A database token\'s access to a database'] }), key: 'read+write' },
  { label: vscode.l10n.t({ message: 'Read', comment: ['A database token\'s access to a database: read only'] }), key: 'read' },
  { label: vscode.l10n.t({ message: 'Write', comment: ['A database token\'s access to a database: write only'] }), key: 'write' },
];
const DIFFERENT: AccessItem = { label: vscode.l10n.t('Different per database…'), description: vscode.l10n.t('asked for each database in turn'), key: EACH };

/** The permission questions' answers, kept while the person goes back and forth. */
export interface PermissionAnswers {
  /** The ticked databases: ALL_DATABASES alone, or databases of the cluster. */
  resources?: string[];
  /** Whether "Another database (not created yet)…" was ticked, and the name typed for it. */
  another?: boolean;
  anotherName?: string;
  /** One access for every chosen database (an ACCESS key), or EACH. */
  access?: string;
  /** With EACH: the access per database. */
  perDatabase?: Record<string, string>;
}

function accessKey(actions: readonly Action[]): string {
  return [...actions].sort().join('+');
}

function actionsOf(key: string | undefined): Action[] {
  return key ? (key.split('+') as Action[]) : [];
}

/**
 * The steps that ask for a token's permissions, for a multi-step input whose
 * answers keep them as `permissions`: which databases (all, or some of the
 * cluster's, or one named that does not exist yet: never all and others),
 * then one access for all of them, or, for "Different per database…", one
 * per database. Edit passes the token's `current` permissions: preselected
 * until answered otherwise.
 */
export class PermissionSteps<A extends { permissions?: PermissionAnswers }> {
  /** The cluster's databases, listed on the first ask. */
  private databases?: string[];

  constructor(
    private readonly deps: { databaseTokens: DatabaseTokensModel; log: Log; prompts: Prompts },
    private readonly configPath: string,
    private readonly profile: Profile,
    private readonly title: string,
    private readonly current: readonly DatabaseTokenPermission[] = [],
  ) {}

  /** The steps that apply to the answers so far. */
  steps(answers: A): InputStep<A>[] {
    const p = answers.permissions ?? {};
    const resources = chosenResources(p);
    const each = p.access === EACH && resources.length > 1;
    return [
      this.askDatabases,
      ...(p.another ? [this.askAnother] : []),
      this.askAccess,
      ...(each ? resources.map((resource) => this.askAccessTo(resource)) : []),
    ];
  }

  /** The permissions the answers give. */
  permissionsOf(answers: A): DatabaseTokenPermission[] {
    const p = answers.permissions ?? {};
    const resources = chosenResources(p);
    const each = p.access === EACH && resources.length > 1;
    return resources.flatMap((resource) => actionsOf(each ? p.perDatabase?.[resource] : p.access).map((action) => ({ action, resource })));
  }

  private currentAccess(resource: string): string | undefined {
    const actions = this.current.filter((p) => p.resource === resource).map((p) => p.action);
    return actions.length ? accessKey(actions) : undefined;
  }

  private readonly askDatabases: InputStep<A> = async (step, answers) => {
    const { prompts, databaseTokens } = this.deps;
    if (!this.databases) {
      try {
        this.databases = (
          await withCancellableProgress(vscode.l10n.t('Listing the databases of "{0}"…', this.profile.name), (signal) => databaseTokens.listDatabases(this.configPath, this.profile, signal))
        ).map((d) => d.name);
      } catch (err) {
        await reportApiFailure(this.deps, this.profile, 'listDatabases', err);
        return undefined;
      }
    }
    const p = answers.permissions;
    const ticked = new Set(p?.resources ?? this.current.map((c) => c.resource));
    // A database a token names but the cluster does not list (deleted, or not created yet) stays choosable.
    const names = [...this.databases, ...[...ticked].filter((r) => r !== ALL_DATABASES && !this.databases!.includes(r))];
    const all: ResourceItem = { label: vscode.l10n.t('All databases (*)'), description: vscode.l10n.t('every database, also ones created later'), resource: ALL_DATABASES, picked: ticked.has(ALL_DATABASES) };
    const items: ResourceItem[] = [
      all,
      ...names.map((name) => ({ label: name, resource: name, picked: ticked.has(name) })),
      { label: vscode.l10n.t('Another database (not created yet)…'), alwaysShow: true, picked: p?.another ?? false },
    ];
    const picked = await prompts.pickMany(items, { title: this.title, placeHolder: vscode.l10n.t('Which databases may the token use? All databases, or some of them'), exclusive: all, step });
    if (picked === BACK) return BACK;
    if (!picked || picked.length === 0) return undefined;
    const resources = picked.filter((i) => i.resource).map((i) => i.resource!);
    return { ...answers, permissions: { ...p, resources, another: picked.some((i) => !i.resource) } };
  };

  private readonly askAnother: InputStep<A> = async (step, answers) => {
    const named = await this.deps.prompts.input({
      title: this.title,
      step,
      prompt: vscode.l10n.t('Name of the database (it may not exist yet)'),
      value: answers.permissions?.anotherName,
      validateInput: (v) => describeResourceProblem(resourceProblem(v.trim())),
    });
    if (named === undefined || named === BACK) return named;
    return { ...answers, permissions: { ...answers.permissions, anotherName: named.trim() } };
  };

  private readonly askAccess: InputStep<A> = async (step, answers) => {
    const p = answers.permissions ?? {};
    const resources = chosenResources(p);
    const items = resources.length > 1 ? [...ACCESS, DIFFERENT] : ACCESS;
    const now = resources.map((r) => this.currentAccess(r));
    const sameNow = now.every((k) => k === now[0]) ? now[0] : undefined;
    const previous = p.access ?? (sameNow ?? (now.some(Boolean) ? EACH : undefined));
    const placeHolder =
      resources.length === 1 && resources[0] === ALL_DATABASES
        ? vscode.l10n.t('Access to all databases')
        : resources.length === 1
          ? vscode.l10n.t('Access to {0}', resources[0])
          : vscode.l10n.t({ message: 'Access to {0}', args: [resources.join(', ')], comment: ['{0} is a list of database names'] });
    const access = await this.deps.prompts.pick(items, { title: this.title, placeHolder, active: items.find((i) => i.key === previous), step });
    if (access === undefined || access === BACK) return access;
    return { ...answers, permissions: { ...p, access: access.key } };
  };

  private askAccessTo(resource: string): InputStep<A> {
    return async (step, answers) => {
      const p = answers.permissions ?? {};
      const previous = p.perDatabase?.[resource] ?? this.currentAccess(resource);
      const access = await this.deps.prompts.pick(ACCESS, { title: this.title, placeHolder: vscode.l10n.t('Access to {0}', resource), active: ACCESS.find((i) => i.key === previous), step });
      if (access === undefined || access === BACK) return access;
      return { ...answers, permissions: { ...p, perDatabase: { ...p.perDatabase, [resource]: access.key } } };
    };
  }
}

/** The databases the answers name, in the order asked: the ticked ones, then the one typed. */
function chosenResources(p: PermissionAnswers): string[] {
  const typed = p.another && p.anotherName ? [p.anotherName] : [];
  return [...new Set([...(p.resources ?? []), ...typed])];
}
