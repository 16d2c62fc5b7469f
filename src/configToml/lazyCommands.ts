import { once } from '../base/once';
import type { ConfigFileModel } from '../state/configFileModel';
import type { SettingsModel } from '../state/settings';
import type { Prompts } from '../ui/prompts';

type Commands = typeof import('./index');

/**
 * Open, create and choose config.toml, set influxctl's path, save config.toml
 * as UTF-8: from their own bundle (dist/configFileCommands.js), loaded on the
 * first run of one of them.
 */
export class LazyConfigFileCommands {
  constructor(private readonly deps: { config: ConfigFileModel; settings: SettingsModel; prompts: Prompts }) {}

  private readonly commands = once(() => {
    const bundle: Commands = require('./configFileCommands.js');
    return new bundle.ConfigFileCommands(this.deps);
  });

  open(node?: unknown) {
    return this.commands().open(node);
  }

  create() {
    return this.commands().create();
  }

  choose() {
    return this.commands().choose();
  }

  setInfluxctlPath() {
    return this.commands().setInfluxctlPath();
  }

  installInfluxctl() {
    return this.commands().installInfluxctl();
  }

  fixProfile(arg?: unknown) {
    return this.commands().fixProfile(arg);
  }

  saveConfigAsUtf8(uri?: unknown) {
    return this.commands().saveConfigAsUtf8(uri);
  }
}
