import { once } from '../base/once';
import type { SetProfileMgmtTokenDeps } from '../configToml/setProfileMgmtToken';
import type { CreateDeps } from './createManagementToken';
import type { RevokeDeps } from './revokeManagementTokens';
import type { RotateProfileMgmtTokenDeps } from './rotateProfileMgmtToken';
import type { TestManagementTokenDeps } from './testManagementToken';
import type { TokenSecretStore } from '../state/tokenSecretStore';
import type { TokenPickerDeps } from '../ui/tokenPicker';

type Commands = typeof import('./index');

/** The Profiles view's selection: a keybinding's command gets no argument. */
interface SelectionDeps {
  selection: () => readonly unknown[];
}

/**
 * Create, Revoke, Rotate and Test Management Token, Set mgmt_token, and Copy
 * Token ID and Copy Stored Secret (of any token), from
 * their own bundle (dist/managementTokenCommands.js) loaded on the first run
 * of one of them.
 */
export class ManagementTokenCommands {
  constructor(
    private readonly deps: CreateDeps & RevokeDeps & RotateProfileMgmtTokenDeps & TestManagementTokenDeps & SetProfileMgmtTokenDeps & SelectionDeps & TokenPickerDeps & { secrets: TokenSecretStore },
  ) {}

  /** The handlers, made when a command of the bundle first runs. */
  private readonly commands = once(() => {
    const bundle: Commands = require('./managementTokenCommands.js');
    return {
      create: new bundle.CreateManagementToken(this.deps),
      revoke: new bundle.RevokeManagementTokens(this.deps),
      /** The Profiles view's keys. */
      keys: { enter: new bundle.CopySelectedTokenId(), delete: new bundle.RevokeSelectedTokens(this.deps) },
      rotateProfileMgmtToken: new bundle.RotateProfileMgmtToken(this.deps),
      testManagementToken: new bundle.TestManagementToken(this.deps),
      setProfileMgmtToken: new bundle.SetProfileMgmtToken(this.deps),
      clipboard: new bundle.TokenClipboard(this.deps),
    };
  });

  copyTokenId(node?: unknown) {
    return this.commands().clipboard.copyId(node);
  }

  copySecret(node?: unknown) {
    return this.commands().clipboard.copySecret(node);
  }

  create(arg?: unknown) {
    return this.commands().create.run(arg);
  }

  revoke(clicked?: unknown, selected?: unknown) {
    return this.commands().revoke.run(clicked, selected);
  }

  /** Enter (copy a token's ID) or Delete (revoke) in the Profiles view, on its selection. */
  onSelection(key: 'enter' | 'delete') {
    return this.commands().keys[key].run(this.deps.selection);
  }

  rotateProfileMgmtToken(arg?: unknown) {
    return this.commands().rotateProfileMgmtToken.run(arg);
  }

  testManagementToken(arg?: unknown) {
    return this.commands().testManagementToken.run(arg);
  }

  setProfileMgmtToken(arg?: unknown, options?: { tokenId?: string }) {
    return this.commands().setProfileMgmtToken.run(arg, options);
  }
}
