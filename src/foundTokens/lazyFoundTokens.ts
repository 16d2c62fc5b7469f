import type { FoundTokensCommands, FoundTokensDeps } from './foundTokensCommands';

type Bundle = typeof import('./index');

/** The found-tokens bundle, loaded on the first call; `loaded()` gives it only when something has loaded it already. */
export interface LazyFoundTokens {
  (): FoundTokensCommands;
  loaded(): FoundTokensCommands | undefined;
}

/** The workspace scan and Show Where Found, from dist/foundTokens.js loaded on the first run of one: activation does not pay for them. */
export function lazyFoundTokens(deps: FoundTokensDeps): LazyFoundTokens {
  let commands: FoundTokensCommands | undefined;
  const load = (): FoundTokensCommands => (commands ??= new (require('./foundTokens.js') as Bundle).FoundTokensCommands(deps));
  return Object.assign(load, { loaded: () => commands });
}
