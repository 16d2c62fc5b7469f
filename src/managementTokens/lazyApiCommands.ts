import type { RotateDeps } from './rotateMgmtToken';
import type { TestTokenDeps } from './testManagementToken';

type Commands = typeof import('./apiCommandsEntry');

/**
 * Rotate mgmt_token… and Test Management Token, from their own bundle
 * (dist/managementTokenApiCommands.js) loaded on the first run of one of them.
 */
export class ManagementTokenApiCommands {
  private loaded: { rotate: InstanceType<Commands['RotateMgmtToken']>; test: InstanceType<Commands['TestManagementToken']> } | undefined;

  constructor(private readonly deps: RotateDeps & TestTokenDeps) {}

  private commands() {
    if (!this.loaded) {
      const bundle: Commands = require('./managementTokenApiCommands.js');
      this.loaded = { rotate: new bundle.RotateMgmtToken(this.deps), test: new bundle.TestManagementToken(this.deps) };
    }
    return this.loaded;
  }

  rotate(arg?: unknown) {
    return this.commands().rotate.run(arg);
  }

  test(arg?: unknown) {
    return this.commands().test.run(arg);
  }
}
