import * as vscode from 'vscode';
import { parseDataPlaneUrl, profileDataPlaneUrl, profileOriginKey, type DataPlaneUrlProblem, type Profile } from '../core';
import type { Prompts } from '../ui/prompts';

/** Data-plane URL given by the user → per cluster (origin key); not a secret. */
const STATE_KEY = 'influxdbTokens.dataPlaneUrls';

function describeProblem(problem: DataPlaneUrlProblem): string {
  switch (problem) {
    case 'notUrl':
      return vscode.l10n.t('Enter a URL such as https://cluster-id.a.influxdb.io.');
    case 'notHttps':
      return vscode.l10n.t('The URL must start with https://.');
    case 'notOrigin':
      return vscode.l10n.t('Enter only the scheme, host and port: no path, query or user name.');
    case 'tokenShaped':
      return vscode.l10n.t('This looks like a token, not a URL.');
  }
}

/**
 * The data-plane URL (INFLUX_HOST) of a profile's cluster: the profile's own
 * host when it names one, else (Cloud Dedicated) the URL the user gave for
 * that cluster, asked once and remembered per cluster in globalState.
 */
export class DataPlaneUrls {
  constructor(private readonly deps: { state: vscode.Memento; prompts: Prompts }) {}

  private remembered(): Record<string, string> {
    return this.deps.state.get<Record<string, string>>(STATE_KEY, {});
  }

  /** The URL, or undefined when the user cancelled the question. */
  async of(profile: Profile): Promise<string | undefined> {
    const own = profileDataPlaneUrl(profile);
    if (own) return own;
    const origin = profileOriginKey(profile);
    if (!origin) return undefined;
    const known = this.remembered()[origin];
    if (known) return known;
    const answer = await this.deps.prompts.input({
      title: vscode.l10n.t('Data-plane URL of profile "{0}"', profile.name),
      prompt: vscode.l10n.t('The URL programs reach the cluster of profile "{0}" at (INFLUX_HOST), as InfluxData gave it; influxctl cluster get shows it. It is asked once per cluster.', profile.name),
      placeHolder: 'https://cluster-id.a.influxdb.io',
      ignoreFocusOut: true,
      validateInput: (value) => {
        const parsed = parseDataPlaneUrl(value);
        return parsed.ok ? undefined : describeProblem(parsed.problem);
      },
    });
    if (answer === undefined) return undefined;
    const parsed = parseDataPlaneUrl(answer);
    if (!parsed.ok) return undefined;
    await this.deps.state.update(STATE_KEY, { ...this.remembered(), [origin]: parsed.url });
    return parsed.url;
  }
}
