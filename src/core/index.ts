export * from './types';
export { ConfigError, parseProfiles, parseToml, type ConfigErrorReason } from './profiles';
export { defaultConfigPath, defaultProfileName, resolveConfigPath, type Environment } from './configPath';
export {
  excerptOf,
  isTokenId,
  OutputFormatError,
  type OutputFormatProblem,
  type SecretNotCapturedReason,
  type SecretProblem,
  type TimestampProblem,
  parseManagementTokenList,
  tokenStatus,
  isTokenOfSecret,
  isIdentifyingPrefix,
  secretMatchesPrefix,
  findTokenOfSecret,
  type TokenMatch,
  configuredTokenState,
  type ConfiguredTokenState,
  matchConfiguredToken,
  type ConfiguredTokenMatch,
  crossCheckCreatedSecret,
  type CreatedSecretCheck,
} from './managementTokens';
export { isSecretNotCapturedError, parseCreatedToken, SecretNotCapturedError, stripAnsi, whyNotATokenSecret } from './createdManagementToken';
export { DAY_MS, ExpiryError, formatRfc3339, parseExpiry, type ExpiryErrorCode } from './expiry';
export { redactSecrets, REDACTED } from './redact';
// Tokens written in files (plain, JSON, URL, base64), and the hash that stands for one where a secret must not be kept.
export { findTokens, fingerprintSecret, type FoundToken } from './findTokens';
export { accessRefusal, detectLoginPrompt, InfluxctlClient, InfluxctlError, isInfluxctlError, stderrSummary, type InfluxctlFailure, type InfluxctlOptions } from './influxctl';
export { ConcurrencyLimiter } from './limit';
// What a workspace scan for tokens searches for natively, and which files it leaves out.
export {
  base64Spellings,
  bundledRipgrepCandidates,
  containsCandidate,
  enabledGlobs,
  gitignoreGlobs,
  literalGlob,
  looksBinary,
  MAY_HOLD_TOKEN,
  ripgrepArgs,
  ripgrepGlob,
  splitNulSeparated,
  tokenCandidatePatterns,
  tokenCandidateStrings,
  type RipgrepScanOptions,
} from './tokenScan';
export { LineIndex, scanToml, type TomlStatement } from './tomlScan';
export { findExecutable } from './which';
export { appendProfile, ProfileAddError, type NewProfile, type ProfileAddErrorCode } from './tomlEdit';
export { ProfileEditError, setProfileMgmtToken, setProfileString, tomlBasicString, type ProfileEditErrorCode, type ProfileStringKey } from './tomlEdit';
export { lintConfig, type ConfigProblem, type ConfigProblemCode, type ConfigProblemFacts, type LintOptions, type ProfileLabel } from './configLint';
export { CONFIG_KEYS, KNOWN_KEYS, type KeySpec } from './configKeyLint';
// The Management API (./managementApiHttp) is imported directly by
// src/managementApi/httpEntry.ts, a bundle loaded on the first HTTP call, not from here.
export type { TestManagementTokenOptions, ManagementTokenTestResult } from './testManagementToken';
// Which cluster a profile names: URLs are built from it, stored secrets bound to originKey().
export {
  clusterOrigin,
  DEFAULT_CLUSTER_PORT,
  examineOrigin,
  isLoopbackHost,
  isTokenShaped,
  originKey,
  profileOriginKey,
  type ClusterOrigin,
  type ClusterOriginField,
  type ClusterOriginProblem,
  type ClusterOriginResult,
} from './clusterOrigin';
export { MAX_TIMER_MS, timeoutSeconds, timerMs } from './timeouts';
export { GO_ZERO_MS, GO_ZERO_TIME, isoDay, parseRfc3339, readRfc3339, type Rfc3339Leniency, type Rfc3339Reading } from './dates';
export { ConfigEncodingError, decodeConfig, encodeConfig, encodingOf, isUtf16, type ConfigEncoding } from './configEncoding';
export { rotatedDescription, tokenName, type NamedToken } from './tokenNames';
// Database tokens: types, parsing, permissions grouped, request bodies (pure),
// and the Management API's error (the client itself is in the HTTP bundle).
export {
  ACCESS_TOKEN_MIN_LENGTH,
  ALL_DATABASES,
  createDatabaseTokenBody,
  databaseTokenStatus,
  actionsByResource,
  DatabaseTokenInputError,
  descriptionProblem,
  parseCreatedDatabaseToken,
  parseDatabaseList,
  parseDatabaseToken,
  parseDatabaseTokenList,
  permissionDiff,
  permissionGroups,
  resourceProblem,
  singleDatabaseOf,
  updateDatabaseTokenBody,
  type CreateDatabaseTokenBody,
  type CreatedDatabaseToken,
  type CreatedDatabaseTokenProblem,
  type Database,
  type DatabaseToken,
  type DatabaseTokenInputProblem,
  type DescriptionProblem,
  type PermissionGroup,
  type ResourceProblem,
  type DatabaseTokenAction,
  type DatabaseTokenPermission,
  type ParseOptions,
  type PermissionDiff,
  type UpdateDatabaseTokenBody,
} from './databaseTokens';
export {
  isManagementApiError,
  ManagementApiError,
  ManagementApiResponseError,
  type AnswerFieldProblem,
  type AnswerKind,
  type ManagementApiConfigProblem,
  type ManagementApiFailure,
  type ManagementApiFailureKind,
  type ManagementApiOperation,
  type NetworkCause,
  type TlsConsent,
  type TlsConsentKind,
  type TlsFileProblem,
  type UnexpectedProblem,
  type ValueShape,
} from './managementApiErrors';
export type { ManagementApiClient, ManagementApiClientOptions, ManagementApiPools } from './managementApiHttp';
export { keepExclusive } from './exclusiveChoice';
// What a terminal, launch or task is given for a token: the variables, and the data-plane URL (INFLUX_HOST).
export { parseDataPlaneUrl, profileDataPlaneUrl, tokenEnvironment, type DataPlaneUrlProblem, type HandedTokenSecret } from './tokenEnvironment';
