import type { Profile, VerifyResult } from '../core';
import type { Log } from '../ui/log';
import type { SettingsModel } from '../state/settings';

/** The HTTP client is a separate bundle (dist/http.js), loaded on the first call only: it is large. */
function httpBundle(): typeof import('./httpEntry') {
  return require('./http.js');
}

/** The Management HTTP API as the VS Code layer calls it: settings applied, secrets remembered for redaction. */
export class ManagementApi {
  constructor(private readonly deps: { settings: SettingsModel; log: Log }) {}

  /** Calls the Management API with a token: the proof that it works. */
  testToken(profile: Profile, token: string, signal?: AbortSignal): Promise<VerifyResult> {
    this.deps.log.rememberSecret(token);
    return httpBundle().verify(profile, token, {
      timeoutSeconds: this.deps.settings.current.timeoutSeconds,
      signal,
      // Tests and the demo point Cloud Dedicated at a local stand-in.
      consoleBaseUrl: process.env.INFLUXDB_TOKENS_CONSOLE_URL || undefined,
    });
  }
}
