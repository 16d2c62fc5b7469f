// What unit tests get for `import * as vscode from 'vscode'` (esbuild.js
// aliases it): only vscode.l10n.t, which returns the English message with its
// arguments put in, as VS Code does when no translation is loaded. Modules
// that word things for the user can then be tested without a VS Code.
type Args = Array<string | number | boolean> | [Record<string, unknown>];

function format(message: string, args: Args): string {
  const named = args.length === 1 && typeof args[0] === 'object' ? (args[0] as Record<string, unknown>) : undefined;
  return message.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    const value = named ? named[key] : (args as unknown[])[Number(key)];
    return value === undefined ? whole : String(value);
  });
}

export const l10n = {
  t(message: string | { message: string; args?: Args; comment: string | string[] }, ...args: Args): string {
    return typeof message === 'string' ? format(message, args) : format(message.message, message.args ?? []);
  },
};
