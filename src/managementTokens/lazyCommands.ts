import { once } from '../base/once';
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
  constructor(private readonly deps: CreateDeps & RevokeDeps & RotateDeps & TestTokenDeps) {}

  /** The handlers, made when a command of the bundle first runs. */
  private readonly commands = once(() => {
    const bundle: Commands = require('./managementTokenCommands.js');
    return {
      create: new bundle.CreateManagementToken(this.deps),
      revoke: new bundle.RevokeManagementTokens(this.deps),
      rotate: new bundle.RotateMgmtToken(this.deps),
      test: new bundle.TestManagementToken(this.deps),
    };
  });

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
