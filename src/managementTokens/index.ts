// Bundled on its own into dist/managementTokenCommands.js and loaded when a
// management-token command first runs, so activation does not pay for them.
// Errors from the extension's own bundle are recognised by name
// (isInfluxctlError and the like): this bundle has its own copy of their classes.
export { CreateManagementToken } from './createManagementToken';
export { RevokeManagementTokens } from './revokeManagementTokens';
export { RevokeSelectedTokens } from './revokeSelectedTokens';
export { CopySelectedTokenId } from './copySelectedTokenId';
export { RotateProfileMgmtToken } from './rotateProfileMgmtToken';
export { TestManagementToken } from './testManagementToken';
export { SetProfileMgmtToken } from '../configToml/setProfileMgmtToken';
export { ExpiryWarnings } from './expiryWarnings';
export { TokenClipboard } from '../ui/tokenClipboard';
