// Bundled on its own into dist/http.js (undici and the Management API client,
// about 0.5 MB) and loaded on the first HTTP call, so activation does not pay for it.
import * as undici from 'undici';
import {
  ManagementApiClient,
  ManagementApiPools,
  testManagementToken as testManagementTokenWith,
  type ManagementApiClientOptions,
  type TestManagementTokenOptions,
  type ManagementTokenTestResult,
} from '../core/managementApiHttp';
import type { Profile } from '../core/types';

// The answers in words travel with the client: a failure to word has loaded this bundle already.
export { describeManagementApiFailure } from './managementApiText';

export function testManagementToken(profile: Profile, token: string, options: Omit<TestManagementTokenOptions, 'loadUndici'>): Promise<ManagementTokenTestResult> {
  return testManagementTokenWith(profile, token, { ...options, loadUndici: () => undici });
}

/**
 * A client of one profile's Management API (database tokens, databases).
 * Cheap: make one per call or keep one per profile; connections live in the
 * pools (give the same ManagementApiPools to every client).
 */
export function databaseTokensClient(profile: Profile, managementToken: string, options: Omit<ManagementApiClientOptions, 'loadUndici'>): ManagementApiClient {
  return new ManagementApiClient(profile, managementToken, { ...options, loadUndici: () => undici });
}

/** Connection pools (keep-alive, one per origin) to share between clients; close() them on deactivation. */
export function createManagementApiPools(): ManagementApiPools {
  return new ManagementApiPools();
}
