// Bundled on its own into dist/usingTokens.js and loaded when a terminal, a
// launch configuration or a task first asks for a token.
export { OpenTerminalWithToken } from './openTerminalWithToken';
export { TokenLaunches } from './tokenLaunches';
export { TokenTasks } from './tokenTasks';
