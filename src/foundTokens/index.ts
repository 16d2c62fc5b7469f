// dist/foundTokens.js, loaded on the first document that may hold a token
// (lazyFoundTokens.ts): diagnostics, quick fixes, and the identification of
// a found token that the workspace scan shares.
export { FoundTokens } from './foundTokens';
export { TokenIdentifier, type TokenIdentity } from './tokenIdentity';
export { describeFoundToken } from './foundTokenText';
export { DIAGNOSTIC_CODE, DIAGNOSTIC_SOURCE } from './foundTokenDiagnostics';
