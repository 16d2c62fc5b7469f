import * as assert from 'assert';
import {
  base64Spellings,
  bundledRipgrepCandidates,
  containsCandidate,
  enabledGlobs,
  findTokens,
  gitignoreGlobs,
  literalGlob,
  looksBinary,
  ripgrepArgs,
  ripgrepGlob,
  splitNulSeparated,
  tokenCandidatePatterns,
  tokenCandidateStrings,
  MAY_HOLD_TOKEN,
} from '../../src/core';

// Built at run time, as the docs' tokens would be, so that no token-shaped literal sits in the repository.
const BODY = 'Xk3pQ9vL2mZ7tR4wY8nB1cF6hJ0sD5gK3aE7uI2oP9qW4eR8tY1uI6oP3aS5dF';
const DATABASE = `apiv1_${BODY}`;
const MANAGEMENT = `M.V1.${BODY.slice(0, 40)}+/Qa==`;

describe('tokenScan: what a native search looks for', () => {
  it('spells a prefix in base64 at each of its three alignments, as any encoding of it contains', () => {
    for (const prefix of ['apiv1_', 'M.V1.']) {
      const spellings = base64Spellings(prefix);
      assert.strictEqual(spellings.length, 3);
      for (const [lead, spelling] of ['', 'x', 'xy'].map((l, i) => [l, spellings[i]] as const)) {
        for (const tail of ['', 'a', 'abc', 'Zz9/+']) {
          assert.ok(Buffer.from(`${lead}${prefix}${tail}`).toString('base64').includes(spelling), `${prefix} after ${lead.length} bytes, then ${tail}`);
        }
      }
      assert.ok(spellings.every((s) => s.length >= 6), spellings.join(' '));
    }
    assert.deepStrictEqual(base64Spellings('apiv1_')[0], 'YXBpdjFf');
  });

  it('finds a candidate in every file findTokens finds a token in: plain, JSON-escaped, URL-encoded, base64', () => {
    const candidates = tokenCandidateStrings();
    const forms = [
      `INFLUX_TOKEN=${DATABASE}\n`,
      JSON.stringify({ token: MANAGEMENT }).replace(/\//g, '\\/'),
      `https://example.com/?token=${encodeURIComponent(MANAGEMENT)}`,
      `data:\n  token: ${Buffer.from(DATABASE).toString('base64')}\n`,
      `data:\n  token: ${Buffer.from(`${MANAGEMENT}\n`).toString('base64')}\n`,
    ];
    const patterns = tokenCandidatePatterns().map((p) => new RegExp(p));
    for (const text of forms) {
      assert.strictEqual(findTokens(text).length, 1, text);
      assert.ok(containsCandidate(Buffer.from(text), candidates), text);
      assert.ok(patterns.some((p) => p.test(text)), text);
    }
    assert.ok(!containsCandidate(Buffer.from('apiVersion: v1\nkind: Secret\n'), candidates));
    for (const word of ['def get_apiv1_tokens(): pass', 'token_prefix = "M.V1.+5Jk"', 'apiv1_ alone']) assert.ok(!patterns.some((p) => p.test(word)), word);
  });

  it('the cheap test before loading the editor bundle matches each candidate string, and a token inside a longer base64 text at every alignment', () => {
    for (const candidate of tokenCandidateStrings()) assert.ok(MAY_HOLD_TOKEN.test(`x ${candidate} y`), candidate);
    assert.deepStrictEqual(MAY_HOLD_TOKEN.source.split('|').length, tokenCandidateStrings().length);
    for (const lead of ['', 'A=', 'AB=']) {
      const text = `data:\n  .env: ${Buffer.from(`${lead}${DATABASE}\nM=${MANAGEMENT}\n`).toString('base64')}\n`;
      assert.strictEqual(findTokens(text).length, 2, lead);
      assert.ok(MAY_HOLD_TOKEN.test(text) && containsCandidate(Buffer.from(text), tokenCandidateStrings()), lead);
    }
  });

  it('makes a file a candidate for every token findTokens finds, however short the header and body may be', () => {
    const patterns = tokenCandidatePatterns().map((p) => new RegExp(p));
    for (const token of [`apiv1_${BODY.slice(0, 58)}`, `M.V1.${BODY.slice(0, 16)}`, `M.V1.${BODY.slice(0, 14)}==`, `M.V12.${BODY.slice(0, 8)}%2B${BODY.slice(8, 16)}`, `M.V1.${BODY.slice(0, 8)}\\u002B${BODY.slice(8, 15)}`]) {
      const text = `x = "${token}"`;
      if (findTokens(text).length === 0) continue;
      assert.ok(patterns.some((p) => p.test(text)), token);
    }
  });

  it('calls bytes binary when a NUL byte is near the start, as git does', () => {
    assert.ok(looksBinary(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])));
    assert.ok(!looksBinary(Buffer.from('plain text\r\nwith lines\n')));
    const late = Buffer.alloc(10000, 0x61);
    late[9000] = 0;
    assert.ok(!looksBinary(late));
  });
});

describe('tokenScan: which files a scan leaves out', () => {
  it('takes the globs that are on from files.exclude / search.exclude, and a plain list', () => {
    assert.deepStrictEqual(enabledGlobs({ '**/.git': true, '**/off': false, '**/*.js': { when: '$(basename).ts' }, '': true }), ['**/.git']);
    assert.deepStrictEqual(enabledGlobs(['**/fixtures/**', 3, '', 'a.env']), ['**/fixtures/**', 'a.env']);
    assert.deepStrictEqual(enabledGlobs(undefined), []);
    assert.deepStrictEqual(enabledGlobs('**/x'), []);
  });

  it('anchors a glob to the folder as VS Code does, and escapes a literal path', () => {
    assert.strictEqual(ripgrepGlob('**/node_modules'), '**/node_modules');
    assert.strictEqual(ripgrepGlob('build/out'), '/build/out');
    assert.strictEqual(ripgrepGlob('dir\\file.txt'), '/dir/file.txt');
    assert.strictEqual(literalGlob('a/[b]{c}*?.env'), '/a/\\[b\\]\\{c\\}\\*\\?.env');
  });

  it('builds ripgrep arguments: the patterns, hidden files, ignore files as the search settings say, exclusions after the paths asked for', () => {
    const base = { patterns: ['apiv', 'M.V'], exclude: ['**/secret', 'out'], useIgnoreFiles: true, useParentIgnoreFiles: false, useGlobalIgnoreFiles: false, followSymlinks: true };
    const args = ripgrepArgs({ ...base, only: ['a.env'] });
    assert.deepStrictEqual(args.slice(0, 8), ['--files-with-matches', '--null', '--case-sensitive', '--hidden', '--binary', '--no-config', '--no-messages', '--no-require-git']);
    assert.ok(args.includes('--no-ignore-parent') && args.includes('--no-ignore-global') && args.includes('--follow') && !args.includes('--no-ignore'));
    assert.deepStrictEqual(args.slice(-10), ['-e', 'M.V', '--glob', '/a.env', '--glob', '!**/secret', '--glob', '!/out', '--', '.']);
    const noIgnore = ripgrepArgs({ ...base, useIgnoreFiles: false, useGlobalIgnoreFiles: true, followSymlinks: false });
    assert.ok(noIgnore.includes('--no-ignore') && !noIgnore.includes('--no-ignore-global') && !noIgnore.includes('--follow'));
    assert.deepStrictEqual(splitNulSeparated('a.env\0dir/b c.yaml\0'), ['a.env', 'dir/b c.yaml']);
  });

  it('turns a .gitignore into globs for the scanner without ripgrep', () => {
    assert.deepStrictEqual(gitignoreGlobs('# comment\n\nnode_modules/\n/dist\nbuild/out\n!keep.env\n*.{a,b}\r\n.env.local\n'), [
      '**/node_modules',
      '**/node_modules/**',
      'dist',
      'dist/**',
      'build/out',
      'build/out/**',
      '**/.env.local',
      '**/.env.local/**',
    ]);
  });

  it("looks for VS Code's ripgrep only under its application root", () => {
    assert.deepStrictEqual(bundledRipgrepCandidates('/opt/code/', 'linux', 'x64'), [
      '/opt/code/node_modules/@vscode/ripgrep/bin/rg',
      '/opt/code/node_modules/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/opt/code/node_modules/vscode-ripgrep/bin/rg',
      '/opt/code/node_modules.asar.unpacked/@vscode/ripgrep/bin/rg',
      '/opt/code/node_modules.asar.unpacked/@vscode/ripgrep-universal/bin/linux-x64/rg',
      '/opt/code/node_modules.asar.unpacked/vscode-ripgrep/bin/rg',
    ]);
    assert.ok(bundledRipgrepCandidates('C:\\Code\\resources\\app', 'win32', 'arm64').includes('C:\\Code\\resources\\app\\node_modules.asar.unpacked\\@vscode\\ripgrep\\bin\\rg.exe'));
  });
});
