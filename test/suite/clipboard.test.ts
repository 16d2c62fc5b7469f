import * as assert from 'assert';
import * as vscode from 'vscode';
import { copySecretBriefly, SECRET_CLIPBOARD_SECONDS } from '../../src/ui/clipboard';

describe('A copied secret does not stay on the clipboard', () => {
  const SECRET = 'M.V1.clipboardSecretThatMustNotLinger0123456789';

  it('clears the clipboard after the wait when it still holds the secret', async () => {
    assert.strictEqual(SECRET_CLIPBOARD_SECONDS, 45);
    const { cleared } = await copySecretBriefly(SECRET, 'Copied', 0.2);
    assert.strictEqual(await vscode.env.clipboard.readText(), SECRET);
    assert.strictEqual(await cleared, true);
    assert.strictEqual(await vscode.env.clipboard.readText(), '');
  });

  it('leaves alone what was copied since', async () => {
    const { cleared } = await copySecretBriefly(SECRET, 'Copied', 0.2);
    await vscode.env.clipboard.writeText('something else');
    assert.strictEqual(await cleared, false);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'something else');
    await vscode.env.clipboard.writeText('');
  });
});
