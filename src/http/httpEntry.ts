// Bundled on its own into dist/http.js (undici and the Management API client,
// about 0.4 MB) and loaded on the first HTTP call, so activation does not pay for it.
import * as undici from 'undici';
import { verifyManagementToken, type VerifyOptions, type VerifyResult } from '../core/managementApi';
import type { Profile } from '../core/types';

export function verify(profile: Profile, token: string, options: Omit<VerifyOptions, 'loadUndici'>): Promise<VerifyResult> {
  return verifyManagementToken(profile, token, { ...options, loadUndici: () => undici });
}
