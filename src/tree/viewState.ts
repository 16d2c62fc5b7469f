import type { ConfigState } from '../state/configFileModel';

/** What the view shows: its welcome contents (package.json `viewsWelcome`) or rows. */
export type ViewState = 'noConfig' | 'noProfiles' | 'malformed' | 'ok';

/**
 * The one rule for it, shared by the view (its context key) and the provider
 * (rows or none). Profiles show without influxctl too: database tokens and
 * Test Management Token do not need it, and the Management Tokens group says
 * what is missing.
 */
export function viewStateOf(config: ConfigState): ViewState {
  switch (config.kind) {
    case 'missing':
      return 'noConfig';
    case 'unreadable':
    case 'malformed':
      return 'malformed';
    case 'ok':
      return config.profiles.length === 0 ? 'noProfiles' : 'ok';
  }
}
