import * as assert from 'assert';
import { defaultConfigPath, defaultProfileName, resolveConfigPath, type Environment } from '../../src/core/configPath';

const linux: Environment = { platform: 'linux', env: {}, homedir: '/home/alice' };
const darwin: Environment = { platform: 'darwin', env: {}, homedir: '/Users/alice' };
const win32: Environment = {
  platform: 'win32',
  env: { APPDATA: 'C:\\Users\\alice\\AppData\\Roaming' },
  homedir: 'C:\\Users\\alice',
};

describe('defaultConfigPath', () => {
  it('linux: ~/.config/influxctl/config.toml', () => {
    assert.strictEqual(defaultConfigPath(linux), '/home/alice/.config/influxctl/config.toml');
  });

  it('linux: $XDG_CONFIG_HOME/influxctl/config.toml when XDG_CONFIG_HOME is set', () => {
    assert.strictEqual(
      defaultConfigPath({ ...linux, env: { XDG_CONFIG_HOME: '/data/xdg' } }),
      '/data/xdg/influxctl/config.toml',
    );
  });

  it('linux: an empty or relative XDG_CONFIG_HOME is ignored (Go refuses relative ones)', () => {
    assert.strictEqual(defaultConfigPath({ ...linux, env: { XDG_CONFIG_HOME: '' } }), '/home/alice/.config/influxctl/config.toml');
    assert.strictEqual(defaultConfigPath({ ...linux, env: { XDG_CONFIG_HOME: 'rel/xdg' } }), '/home/alice/.config/influxctl/config.toml');
  });

  it('darwin: ~/Library/Application Support/influxctl/config.toml, ignoring XDG_CONFIG_HOME', () => {
    const expected = '/Users/alice/Library/Application Support/influxctl/config.toml';
    assert.strictEqual(defaultConfigPath(darwin), expected);
    assert.strictEqual(defaultConfigPath({ ...darwin, env: { XDG_CONFIG_HOME: '/xdg' } }), expected);
  });

  it('win32: %APPDATA%\\influxctl\\config.toml', () => {
    assert.strictEqual(defaultConfigPath(win32), 'C:\\Users\\alice\\AppData\\Roaming\\influxctl\\config.toml');
  });

  it('win32 without APPDATA: the roaming folder under the home directory', () => {
    assert.strictEqual(
      defaultConfigPath({ ...win32, env: {} }),
      'C:\\Users\\alice\\AppData\\Roaming\\influxctl\\config.toml',
    );
  });
});

describe('resolveConfigPath', () => {
  it('an empty or blank setting means the OS default', () => {
    assert.strictEqual(resolveConfigPath('', linux), '/home/alice/.config/influxctl/config.toml');
    assert.strictEqual(resolveConfigPath('   ', darwin), '/Users/alice/Library/Application Support/influxctl/config.toml');
    assert.strictEqual(resolveConfigPath('', win32), 'C:\\Users\\alice\\AppData\\Roaming\\influxctl\\config.toml');
  });

  it('an absolute path is used as is (normalised, trimmed)', () => {
    assert.strictEqual(resolveConfigPath('/etc/influxctl/config.toml', linux), '/etc/influxctl/config.toml');
    assert.strictEqual(resolveConfigPath('  /etc/influxctl/../influxctl/config.toml ', linux), '/etc/influxctl/config.toml');
    assert.strictEqual(resolveConfigPath('D:\\conf\\influxctl.toml', win32), 'D:\\conf\\influxctl.toml');
  });

  it('expands a leading ~ to the home directory', () => {
    assert.strictEqual(resolveConfigPath('~/influx/config.toml', linux), '/home/alice/influx/config.toml');
    assert.strictEqual(resolveConfigPath('~/influx/config.toml', darwin), '/Users/alice/influx/config.toml');
    assert.strictEqual(resolveConfigPath('~\\influx\\config.toml', win32), 'C:\\Users\\alice\\influx\\config.toml');
  });

  it('does not expand ~ elsewhere or ~user', () => {
    assert.strictEqual(resolveConfigPath('/srv/~/config.toml', linux), '/srv/~/config.toml');
    assert.notStrictEqual(resolveConfigPath('~bob/config.toml', linux), '/home/alice/bob/config.toml');
    assert.ok(resolveConfigPath('~bob/config.toml', linux).endsWith('/~bob/config.toml'));
  });

  it('expands ${env:NAME}', () => {
    const env: Environment = { ...linux, env: { CONF_DIR: '/opt/conf', PROJECT: 'influx' } };
    assert.strictEqual(resolveConfigPath('${env:CONF_DIR}/${env:PROJECT}/config.toml', env), '/opt/conf/influx/config.toml');
    const w: Environment = { ...win32, env: { ...win32.env, USERPROFILE: 'C:\\Users\\alice' } };
    assert.strictEqual(resolveConfigPath('${env:USERPROFILE}\\influxctl.toml', w), 'C:\\Users\\alice\\influxctl.toml');
  });

  it('an unset ${env:NAME} expands to nothing', () => {
    assert.strictEqual(resolveConfigPath('/base${env:NOPE}/config.toml', linux), '/base/config.toml');
  });

  it('expands ${env:HOME} like any other variable', () => {
    const env: Environment = { ...linux, env: { HOME: '/home/alice' } };
    assert.strictEqual(resolveConfigPath('${env:HOME}/a.toml', env), '/home/alice/a.toml');
  });

  it('a relative path becomes absolute', () => {
    const p = resolveConfigPath('config.toml', linux);
    assert.ok(p.startsWith('/'), p);
    assert.ok(p.endsWith('/config.toml'), p);
  });
});

describe('defaultProfileName', () => {
  it('is "default" without INFLUXCTL_PROFILE', () => {
    assert.strictEqual(defaultProfileName({}), 'default');
  });

  it('is INFLUXCTL_PROFILE when set (trimmed)', () => {
    assert.strictEqual(defaultProfileName({ INFLUXCTL_PROFILE: 'staging' }), 'staging');
    assert.strictEqual(defaultProfileName({ INFLUXCTL_PROFILE: '  prod \n' }), 'prod');
  });

  it('an empty or blank INFLUXCTL_PROFILE means "default"', () => {
    assert.strictEqual(defaultProfileName({ INFLUXCTL_PROFILE: '' }), 'default');
    assert.strictEqual(defaultProfileName({ INFLUXCTL_PROFILE: '   ' }), 'default');
  });
});
