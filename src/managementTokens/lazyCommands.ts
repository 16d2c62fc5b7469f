import type { CreateDeps } from './createManagementToken';
import type { RevokeDeps } from './revokeManagementTokens';
import type { RotateDeps } from './rotateMgmtToken';
import type { TestTokenDeps } from './testManagementToken';

type Commands = typeof import('./index');

/**
 * Create, Revoke, Rotate and Test Management Token, from their own bundle
 * (dist/managementTokenCommands.js) loaded on the first run of one of them.
 */
export class ManagementTokenCommands {
  private loaded:
    | {
        create: InstanceType<Commands['CreateManagementToken']>;
        revoke: InstanceType<Commands['RevokeManagementTokens']>;
        rotate: InstanceType<Commands['RotateMgmtToken']>;
        test: InstanceType<Commands['TestManagementToken']>;
      }
    | undefined;

  constructor(private readonly deps: CreateDeps & RevokeDeps & RotateDeps & TestTokenDeps) {}

  private commands() {
    if (!this.loaded) {
      const bundle: Commands = require('./managementTokenCommands.js');
      this.loaded = {
        create: new bundle.CreateManagementToken(this.deps),
        revoke: new bundle.RevokeManagementTokens(this.deps),
        rotate: new bundle.RotateMgmtToken(this.deps),
        test: new bundle.TestManagementToken(this.deps),
      };
    }
    return this.loaded;
  }

  create(arg?: unknown) {
    return this.commands().create.run(arg);
  }

  revoke(clicked?: unknown, selected?: unknown) {
    return this.commands().revoke.run(clicked, selected);
  }

  rotate(arg?: unknown) {
    return this.commands().rotate.run(arg);
  }

  test(arg?: unknown) {
    return this.commands().test.run(arg);
  }
}
