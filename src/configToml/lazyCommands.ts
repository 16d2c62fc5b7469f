import { once } from '../base/once';
import type { ConfigFileModel } from '../state/configFileModel';
import type { SettingsModel } from '../state/settings';
import type { Log } from '../base/log';
import type { Prompts } from '../ui/prompts';

type Commands = typeof import('./index');

/**
 * Open, create and choose config.toml, add a profile to it, fix a profile in it, set or install influxctl,
 * path, save config.toml as UTF-8: from their own bundle (dist/configFileCommands.js), loaded on the
 * first run of one of them.
 */
export class LazyConfigFileCommands {
  constructor(private readonly deps: { config: ConfigFileModel; settings: SettingsModel; log: Log; prompts: Prompts }) {}

  private readonly commands = once(() => {
    const bundle: Commands = require('./configFileCommands.js');
    return { files: new bundle.ConfigFileCommands(this.deps), addProfile: new bundle.AddProfile(this.deps) };
  });

  open(node?: unknown) {
    return this.commands().files.open(node);
  }

  create() {
    return this.commands().files.create();
  }

  choose() {
    return this.commands().files.choose();
  }

  addProfile() {
    return this.commands().addProfile.run();
  }

  setInfluxctlPath() {
    return this.commands().files.setInfluxctlPath();
  }

  installInfluxctl() {
    return this.commands().files.installInfluxctl();
  }

  fixProfile(arg?: unknown) {
    return this.commands().files.fixProfile(arg);
  }

  saveConfigAsUtf8(uri?: unknown) {
    return this.commands().files.saveConfigAsUtf8(uri);
  }
}
