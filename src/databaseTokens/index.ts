// Bundled on its own into dist/databaseTokens.js and loaded when a
// database-token command first runs (they all call the Management API anyway).
export { CreateDatabaseToken } from './createDatabaseToken';
export { EditDatabaseToken } from './editDatabaseToken';
export { RotateDatabaseToken } from './rotateDatabaseToken';
export { RevokeDatabaseTokens } from './revokeDatabaseTokens';
export { SetQueryToken } from '../configToml/setQueryToken';
export { StoredSecretBinding } from './storedSecretBinding';
export { AllowWeakTls } from './allowWeakTls';
