// Bundled on its own into dist/managementTokenApiCommands.js and loaded when
// Rotate or Test Management Token first runs (both call the Management API
// anyway), so activation does not pay for them. Errors from the extension's
// own bundle are recognised by name (isInfluxctlError and the like): this
// bundle has its own copy of their classes.
export { RotateMgmtToken } from './rotateMgmtToken';
export { TestManagementToken } from './testManagementToken';
