// dist/foundTokens.js: the workspace scan for tokens and Show Where Found, loaded on first use (lazyFoundTokens.ts).
export { FoundTokensCommands } from './foundTokensCommands';
