import { once } from '../base/once';
import type { FoundTokensCommands, FoundTokensDeps } from './foundTokensCommands';

type Bundle = typeof import('./index');

/** The workspace scan and Show Where Found, from dist/foundTokens.js loaded on the first run of one: activation does not pay for them. */
export function lazyFoundTokens(deps: FoundTokensDeps): () => FoundTokensCommands {
  return once(() => new (require('./foundTokens.js') as Bundle).FoundTokensCommands(deps));
}
