// dist/foundTokens.js, loaded on first use: the workspace scan for tokens and
// Show Where Found (lazyFoundTokens.ts); the diagnostics and quick fixes of
// tokens in open documents (lazyTokensInEditors.ts), with the identification
// of a found token (tokenIdentity.ts) and its words.
export { FoundTokensCommands } from './foundTokensCommands';
export { TokensInEditors } from './tokensInEditors';
export { TokenIdentifier, type TokenIdentity } from './tokenIdentity';
export { describeFoundToken } from './foundTokenText';
