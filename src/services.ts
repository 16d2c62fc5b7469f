import type { ConfigFile } from './configFile';
import type { ExpiryWarnings } from './expiryWarnings';
import type { Log } from './log';
import type { ProfileTokens } from './profileTokens';
import type { ProfilesTreeProvider } from './profilesTree';
import type { Prompts } from './prompts';
import type { TokenSecrets } from './secretStore';

/** The parts commands work with, created once in extension.ts. */
export interface Services {
  log: Log;
  config: ConfigFile;
  tokens: ProfileTokens;
  secrets: TokenSecrets;
  tree: ProfilesTreeProvider;
  prompts: Prompts;
  expiry: ExpiryWarnings;
}
