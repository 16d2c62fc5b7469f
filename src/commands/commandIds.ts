/** Every command the extension contributes (package.json `contributes.commands`), by what it does. */
export const Command = {
  refresh: 'influxdbTokens.refresh',
  retryProfile: 'influxdbTokens.retryProfile',
  toggleRevoked: 'influxdbTokens.toggleRevoked',
  filter: 'influxdbTokens.filter',
  revealProfile: 'influxdbTokens.revealProfile',
  openLoginUrl: 'influxdbTokens.openLoginUrl',
  copyLoginCode: 'influxdbTokens.copyLoginCode',
  createToken: 'influxdbTokens.createToken',
  revokeToken: 'influxdbTokens.revokeToken',
  copyTokenId: 'influxdbTokens.copyTokenId',
  copySecret: 'influxdbTokens.copySecret',
  verifyToken: 'influxdbTokens.verifyToken',
  rotateProfileToken: 'influxdbTokens.rotateProfileToken',
  setProfileToken: 'influxdbTokens.setProfileToken',
  openConfig: 'influxdbTokens.openConfig',
  createConfig: 'influxdbTokens.createConfig',
  chooseConfig: 'influxdbTokens.chooseConfig',
  setInfluxctlPath: 'influxdbTokens.setInfluxctlPath',
  removeByteOrderMark: 'influxdbTokens.removeByteOrderMark',
  createDatabaseToken: 'influxdbTokens.createDatabaseToken',
  editDatabaseToken: 'influxdbTokens.editDatabaseToken',
  revokeDatabaseToken: 'influxdbTokens.revokeDatabaseToken',
  setProfileQueryToken: 'influxdbTokens.setProfileQueryToken',
} as const;

export type CommandId = (typeof Command)[keyof typeof Command];
