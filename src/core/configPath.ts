import * as path from 'path';

export interface Environment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

/** Where influxctl looks by default: Go's os.UserConfigDir() + influxctl/config.toml. */
export function defaultConfigPath({ platform, env, homedir }: Environment): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'influxctl', 'config.toml');
  }
  if (platform === 'darwin') return path.posix.join(homedir, 'Library', 'Application Support', 'influxctl', 'config.toml');
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir, '.config');
  return path.join(configHome, 'influxctl', 'config.toml');
}

/** The setting when set (with `~` and `${env:NAME}` expanded), else influxctl's default. */
export function resolveConfigPath(setting: string, environment: Environment): string {
  const trimmed = setting.trim();
  if (trimmed === '') return defaultConfigPath(environment);
  const expanded = trimmed
    .replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => environment.env[name] ?? '')
    .replace(/^~(?=$|[\\/])/, environment.homedir);
  const p = environment.platform === 'win32' ? path.win32 : path.posix;
  return p.resolve(expanded);
}

/** The profile influxctl uses without --profile. */
export function defaultProfileName(env: Record<string, string | undefined>): string {
  return env.INFLUXCTL_PROFILE?.trim() || 'default';
}
