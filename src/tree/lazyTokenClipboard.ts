import { once } from '../base/once';
import type { TokenClipboard } from './tokenClipboard';

type Bundle = typeof import('./tokenClipboard');

/**
 * Copy Token ID and Copy Stored Secret from their own bundle
 * (dist/tokenClipboard.js, with the palette's token picker), loaded on the
 * first copy: activation does not pay for them.
 */
export function lazyTokenClipboard(deps: ConstructorParameters<typeof TokenClipboard>[0]): Pick<TokenClipboard, 'copyId' | 'copySecret'> {
  const clipboard = once(() => new (require('./tokenClipboard.js') as Bundle).TokenClipboard(deps));
  return { copyId: (node) => clipboard().copyId(node), copySecret: (node) => clipboard().copySecret(node) };
}
