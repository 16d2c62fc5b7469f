import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findExecutable } from '../../src/core/which';

describe('findExecutable', () => {
  let dir: string;
  let bin1: string;
  let bin2: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'influxdb-tokens-which-'));
    bin1 = path.join(dir, 'bin1');
    bin2 = path.join(dir, 'bin2');
    fs.mkdirSync(bin1);
    fs.mkdirSync(bin2);
    fs.writeFileSync(path.join(bin1, 'influxctl'), '#!/bin/sh\necho 1\n', { mode: 0o644 }); // not executable
    fs.writeFileSync(path.join(bin2, 'influxctl'), '#!/bin/sh\necho 2\n', { mode: 0o755 });
    fs.mkdirSync(path.join(bin1, 'influxctl-dir'));
    fs.mkdirSync(path.join(bin2, 'influxctl-dir'));
    fs.chmodSync(path.join(bin1, 'influxctl'), 0o644);
    fs.chmodSync(path.join(bin2, 'influxctl'), 0o755);
  });

  after(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an absolute path with the x bit is returned as is', async () => {
    const file = path.join(bin2, 'influxctl');
    assert.strictEqual(await findExecutable(file, {}, 'linux'), file);
  });

  it('an absolute path without the x bit is not executable', async () => {
    assert.strictEqual(await findExecutable(path.join(bin1, 'influxctl'), {}, 'linux'), undefined);
  });

  it('an absolute path that does not exist, or is a directory, is not found', async () => {
    assert.strictEqual(await findExecutable(path.join(dir, 'nope', 'influxctl'), { PATH: bin2 }, 'linux'), undefined);
    assert.strictEqual(await findExecutable(bin2, {}, 'linux'), undefined);
  });

  it('a bare name is looked up on PATH, skipping non-executable files', async () => {
    const env = { PATH: [path.join(dir, 'missing'), bin1, bin2].join(':') };
    assert.strictEqual(await findExecutable('influxctl', env, 'linux'), path.join(bin2, 'influxctl'));
  });

  it('the first executable match on PATH wins', async () => {
    const other = path.join(dir, 'bin3');
    fs.mkdirSync(other);
    fs.writeFileSync(path.join(other, 'influxctl'), '#!/bin/sh\n', { mode: 0o755 });
    fs.chmodSync(path.join(other, 'influxctl'), 0o755);
    assert.strictEqual(await findExecutable('influxctl', { PATH: `${other}:${bin2}` }, 'linux'), path.join(other, 'influxctl'));
    assert.strictEqual(await findExecutable('influxctl', { PATH: `${bin2}:${other}` }, 'linux'), path.join(bin2, 'influxctl'));
  });

  it('on Windows, a batch file (.cmd, .bat) is never found: spawn cannot run one without a shell', async () => {
    const scripts = path.join(dir, 'scripts');
    const programs = path.join(dir, 'programs');
    fs.mkdirSync(scripts);
    fs.mkdirSync(programs);
    for (const file of [path.join(scripts, 'influxctl.cmd'), path.join(scripts, 'influxctl.BAT'), path.join(programs, 'influxctl.EXE')]) fs.writeFileSync(file, '', { mode: 0o755 });
    const env = { Path: `${scripts};${programs}`, PATHEXT: '.COM;.EXE;.BAT;.CMD' };
    assert.strictEqual(await findExecutable('influxctl', env, 'win32'), path.join(programs, 'influxctl.EXE'));
    assert.strictEqual(await findExecutable('influxctl', { Path: scripts }, 'win32'), undefined, 'the default PATHEXT too');
    assert.strictEqual(await findExecutable(path.join(scripts, 'influxctl.cmd'), {}, 'win32'), undefined);
    assert.strictEqual(await findExecutable(path.join(scripts, 'influxctl.BAT'), {}, 'win32'), undefined);
  });

  it('a name on PATH that is a directory is not an executable', async () => {
    assert.strictEqual(await findExecutable('influxctl-dir', { PATH: `${bin1}:${bin2}` }, 'linux'), undefined);
  });

  it('not on PATH, or no PATH at all: undefined', async () => {
    assert.strictEqual(await findExecutable('influxctl', { PATH: bin1 }, 'linux'), undefined);
    assert.strictEqual(await findExecutable('influxctl', {}, 'linux'), undefined);
    assert.strictEqual(await findExecutable('influxctl', { PATH: '' }, 'linux'), undefined);
    assert.strictEqual(await findExecutable('no-such-influxctl-binary', { PATH: bin2 }, 'linux'), undefined);
  });

  it('finds node on the real PATH', async () => {
    const found = await findExecutable('node', process.env);
    assert.ok(found && path.isAbsolute(found), String(found));
  });
});
