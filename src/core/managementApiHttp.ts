/**
 * The Management HTTP API of Cloud Dedicated and Clustered, as the HTTP bundle
 * (src/managementApi/httpEntry.ts) uses it: Test Management Token
 * (./testManagementToken) and ManagementApiClient (./managementApiClient:
 * database tokens and databases through pooled keep-alive connections,
 * ./managementApiTransport). Not re-exported by ./index, so that activation
 * does not load it.
 */
export { testManagementToken, type ManagementTokenTestResult, type TestManagementTokenOptions } from './testManagementToken';
export { ManagementApiError, isManagementApiError, ManagementApiResponseError } from './managementApiErrors';
export type { ManagementApiFailure, ManagementApiOperation, TlsConsent, TlsConsentKind } from './managementApiErrors';
export { ManagementApiPools, MAX_TLS_FILE_BYTES, sharedManagementApiPools } from './managementApiTransport';
export { DEFAULT_CONSOLE_BASE_URL, ManagementApiConfigError, managementApiBaseUrl, managementApiUrl } from './managementApiTarget';
export { DEFAULT_MAX_BODY_BYTES, ManagementApiClient, type ManagementApiClientOptions } from './managementApiClient';
