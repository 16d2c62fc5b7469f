import * as vscode from 'vscode';

/**
 * Every question the commands ask a person goes through here, so the in-host
 * tests can answer them (the UI tests answer the real widgets).
 */
export interface Prompts {
  pick<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions & { canPickMany?: false; active?: T }): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: vscode.QuickPickOptions): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning; resolves to the chosen action or undefined for Cancel. */
  warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined>;
  /** A notification; resolves when an action is chosen or it is dismissed. */
  inform<A extends string>(message: string, ...actions: A[]): Promise<A | undefined>;
  error<A extends string>(message: string, ...actions: A[]): Promise<A | undefined>;
}

export const windowPrompts: Prompts = {
  pick(items, options) {
    if (!options.active) return Promise.resolve(vscode.window.showQuickPick(items, options));
    // showQuickPick cannot preselect an item; a QuickPick can.
    return new Promise((resolve) => {
      const qp = vscode.window.createQuickPick<(typeof items)[number]>();
      qp.items = items;
      qp.activeItems = [options.active!];
      qp.title = options.title;
      qp.placeholder = options.placeHolder;
      qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
      qp.matchOnDescription = options.matchOnDescription ?? false;
      let picked: (typeof items)[number] | undefined;
      qp.onDidAccept(() => {
        picked = qp.selectedItems[0] ?? qp.activeItems[0];
        qp.hide();
      });
      qp.onDidHide(() => {
        qp.dispose();
        resolve(picked);
      });
      qp.show();
    });
  },
  pickMany(items, options) {
    return Promise.resolve(vscode.window.showQuickPick(items, { ...options, canPickMany: true }));
  },
  input(options) {
    return Promise.resolve(vscode.window.showInputBox(options));
  },
  warn(message, detail, ...actions) {
    return Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions));
  },
  inform(message, ...actions) {
    return Promise.resolve(vscode.window.showInformationMessage(message, ...actions));
  },
  error(message, ...actions) {
    return Promise.resolve(vscode.window.showErrorMessage(message, ...actions));
  },
};

/**
 * Prompts that forward to another Prompts, replaceable while running: what
 * the in-host tests answer through (extension.ts uses it in test mode only).
 */
export class ForwardingPrompts implements Prompts {
  constructor(public target: Prompts) {}
  pick: Prompts['pick'] = (items, options) => this.target.pick(items, options);
  pickMany: Prompts['pickMany'] = (items, options) => this.target.pickMany(items, options);
  input: Prompts['input'] = (options) => this.target.input(options);
  warn: Prompts['warn'] = (message, detail, ...actions) => this.target.warn(message, detail, ...actions);
  inform: Prompts['inform'] = (message, ...actions) => this.target.inform(message, ...actions);
  error: Prompts['error'] = (message, ...actions) => this.target.error(message, ...actions);
}
