import * as vscode from 'vscode';
import { registerCommands } from './commands/registerCommands';
import { ConfigCodeLens } from './configToml/configCodeLens';
import { ConfigCompletion } from './configToml/configCompletion';
import { ConfigDiagnostics } from './configToml/configDiagnostics';
import { LazyConfigFileCommands } from './configToml/lazyCommands';
import { DatabaseTokenCommands } from './databaseTokens/lazyCommands';
import type { FoundTokensCommands } from './foundTokens/foundTokensCommands';
import { lazyFoundTokens } from './foundTokens/lazyFoundTokens';
import { lazyTokensInEditors } from './foundTokens/lazyTokensInEditors';
import { ManagementApi } from './managementApi/managementApi';
import { LazyExpiryWarnings } from './managementTokens/lazyExpiryWarnings';
import { ManagementTokenCommands } from './managementTokens/lazyCommands';
import { ConfigFileModel, type ConfigState } from './state/configFileModel';
import { DatabaseTokensModel } from './state/databaseTokensModel';
import { ManagementTokensModel } from './state/managementTokensModel';
import { SettingsModel } from './state/settings';
import { TlsConsents } from './state/tlsConsents';
import { TokenHandovers } from './state/tokenHandovers';
import { TokenSecretStore } from './state/tokenSecretStore';
import { ProfilesTreeDataProvider } from './tree/profilesTreeDataProvider';
import { ProfilesView } from './tree/profilesView';
import { TokenFilter } from './tree/tokenFilter';
import { ViewCommands } from './tree/viewCommands';
import { UsingTokens } from './usingTokens/lazyUsingTokens';
import { Log } from './base/log';
import { ForwardingPrompts, windowPrompts } from './ui/prompts';

/** What the in-host tests reach (test mode only): the live parts, and the prompts they answer. */
export interface TestingApi {
  settings: SettingsModel;
  config: ConfigFileModel;
  tokens: ManagementTokensModel;
  databaseTokens: DatabaseTokensModel;
  secrets: TokenSecretStore;
  consents: TlsConsents;
  handovers: TokenHandovers;
  api: ManagementApi;
  log: Log;
  filter: TokenFilter;
  tree: ProfilesTreeDataProvider;
  view: ProfilesView;
  expiry: LazyExpiryWarnings;
  foundTokens: () => FoundTokensCommands;
  usingTokens: UsingTokens;
  prompts: ForwardingPrompts;
  state: vscode.Memento;
  workspaceState: vscode.Memento;
}

/** Creates the parts, each given what it needs, and registers them; nothing else happens here. */
export function activate(context: vscode.ExtensionContext): { testing?: TestingApi } {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const testing = context.extensionMode !== vscode.ExtensionMode.Production || (TEST_SWITCHES && process.env.INFLUXDB_TOKENS_TEST === '1');
  const prompts = testing ? new ForwardingPrompts(windowPrompts) : windowPrompts;
  const log = new Log();
  const settings = new SettingsModel();
  const config = new ConfigFileModel(settings, log);
  const secrets = new TokenSecretStore(context.secrets, context.globalState);
  const tokens = new ManagementTokensModel(settings, config, secrets, log);
  const consents = new TlsConsents(context.globalState);
  const api = new ManagementApi({ settings, log, consents });
  const databaseTokens = new DatabaseTokensModel({ settings, tokens, secrets, api, log });
  // Which tokens this window gave to terminals, debug sessions and tasks: one record, read by rotations.
  const handovers = new TokenHandovers();
  const filter = new TokenFilter(settings);
  const tree = new ProfilesTreeDataProvider(config, tokens, databaseTokens, secrets, settings, filter);
  const view = new ProfilesView(tree, config, tokens, filter);
  const expiry = new LazyExpiryWarnings({ config, tokens, databaseTokens, settings, prompts, state: context.globalState });
  const parts = { config, tokens, databaseTokens, secrets, consents, settings, api, log, prompts };
  const foundTokens = lazyFoundTokens({ ...parts, rows: tree, subscriptions: context.subscriptions });
  const tokensInEditors = lazyTokensInEditors({ ...parts, workspaceState: context.workspaceState });
  const usingTokens = new UsingTokens({ ...parts, handovers, state: context.globalState, workspaceState: context.workspaceState });

  // Secrets stored before binding existed: bound to the clusters config.toml names when this version first reads it.
  const bindUnbound = (state: ConfigState): void => {
    if (state.kind === 'ok') secrets.bindUnbound(state.path, state.profiles).catch((err: Error) => log.warn(`Binding stored secrets to their clusters failed: ${err.message}`));
  };
  void config.state().then(bindUnbound);

  context.subscriptions.push(
    config.onDidChange(bindUnbound),
    log,
    settings,
    config,
    secrets,
    tokens,
    api,
    databaseTokens,
    handovers,
    filter,
    tree,
    view,
    expiry,
    tokensInEditors,
    usingTokens,
    ...usingTokens.register(),
    new ConfigDiagnostics(config),
    new ConfigCodeLens(config),
    new ConfigCompletion(config),
    // influxctl runs only after the user has shown the view or run a command in
    // this window: opening a repository's TOML file (which activates) must not run it.
    view.onceVisible(() => expiry.start(3000)),
    ...registerCommands({
      view: new ViewCommands({ ...parts, filter, view }),
      configFile: new LazyConfigFileCommands(parts),
      managementTokens: new ManagementTokenCommands({ ...parts, selection: () => view.treeView.selection }),
      databaseTokens: new DatabaseTokenCommands({
        ...parts,
        handovers,
        // Without a scan in this window (the bundle not loaded) nothing was found: a rotation does not load the scan for that.
        whereFound: async (configPath, _profileName, tokenId) => (await foundTokens.loaded()?.whereFound(configPath, tokenId)) ?? [],
      }),
      foundTokens,
      tokensInEditors,
      usingTokens,
    }, () => expiry.start(3000)),
  );
  const cpu = process.cpuUsage(cpuAtStart);
  // CPU time too: on a busy machine the wall time also counts the moments the system ran something else.
  log.info(`activated in ${(performance.now() - started).toFixed(2)} ms, CPU ${((cpu.user + cpu.system) / 1000).toFixed(2)} ms`);
  if (!testing) return {};
  return { testing: { ...parts, filter, tree, view, expiry, foundTokens, handovers, usingTokens, prompts: prompts as ForwardingPrompts, state: context.globalState, workspaceState: context.workspaceState } };
}

export function deactivate(): void {}
