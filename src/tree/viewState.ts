import type { ConfigState } from '../state/configFileModel';

/** What the view shows: its welcome contents (package.json `viewsWelcome`) or rows. */
export type ViewState = 'noConfig' | 'noProfiles' | 'noInfluxctl' | 'malformed' | 'ok';

/** The one rule for it, shared by the view (its context key) and the provider (rows or none). */
export function viewStateOf(config: ConfigState, influxctlFound: boolean): ViewState {
  switch (config.kind) {
    case 'missing':
      return 'noConfig';
    case 'unreadable':
    case 'malformed':
      return 'malformed';
    case 'ok':
      if (config.profiles.length === 0) return 'noProfiles';
      return influxctlFound ? 'ok' : 'noInfluxctl';
  }
}
