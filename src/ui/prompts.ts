import * as vscode from 'vscode';
import type { Back, Step } from './quickInputStep';

export type PickOptions<T> = vscode.QuickPickOptions & { canPickMany?: false; active?: T };
/** `exclusive`: an item that cannot be ticked together with others (ticking it unticks them, and ticking another unticks it). */
export type PickManyOptions<T> = vscode.QuickPickOptions & { exclusive?: T };

/**
 * Every question the commands ask a person goes through here, so the in-host
 * tests can answer them (the UI tests answer the real widgets). Given a
 * `step`, a question is part of a multi-step input (ui/multiStepInput.ts)
 * and may resolve to BACK.
 */
export interface Prompts {
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step: Step }): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T>): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step: Step }): Promise<T[] | Back | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T>): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions & { step: Step }): Promise<string | Back | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal warning; resolves to the chosen action or undefined for Cancel. */
  warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined>;
  /** A notification; resolves when an action is chosen or it is dismissed. */
  inform<A extends string>(message: string, ...actions: A[]): Promise<A | undefined>;
  error<A extends string>(message: string, ...actions: A[]): Promise<A | undefined>;
}

/** The QuickPick and InputBox questions (steps, Back, a preselected item, validation with severities): a bundle of their own, dist/quickInputs.js, loaded on the first such question. */
const quickInputs = (): typeof import('./quickInputs') => require('./quickInputs.js');

/** The real widgets. */
class WindowPrompts implements Prompts {
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step: Step }): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T>): Promise<T | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step?: Step }): Promise<T | Back | undefined> {
    // showQuickPick can neither preselect an item nor show a step; a QuickPick can.
    return options.active || options.step ? quickInputs().pickOne(items, options) : Promise.resolve(vscode.window.showQuickPick(items, options));
  }
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step: Step }): Promise<T[] | Back | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T>): Promise<T[] | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step?: Step }): Promise<T[] | Back | undefined> {
    return quickInputs().pickMany(items, options);
  }
  input(options: vscode.InputBoxOptions & { step: Step }): Promise<string | Back | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions & { step?: Step }): Promise<string | Back | undefined> {
    return options.step ? quickInputs().input(options) : Promise.resolve(vscode.window.showInputBox(options));
  }
  warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    return Promise.resolve(vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions));
  }
  inform<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    return Promise.resolve(vscode.window.showInformationMessage(message, ...actions));
  }
  error<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    return Promise.resolve(vscode.window.showErrorMessage(message, ...actions));
  }
}

export const windowPrompts: Prompts = new WindowPrompts();

/**
 * Prompts that forward to another Prompts, replaceable while running: what
 * the in-host tests answer through (extension.ts uses it in test mode only).
 */
export class ForwardingPrompts implements Prompts {
  constructor(public target: Prompts) {}
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step: Step }): Promise<T | Back | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T>): Promise<T | undefined>;
  pick<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step: Step }): Promise<T | Back | undefined> {
    return this.target.pick(items, options);
  }
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step: Step }): Promise<T[] | Back | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T>): Promise<T[] | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step: Step }): Promise<T[] | Back | undefined> {
    return this.target.pickMany(items, options);
  }
  input(options: vscode.InputBoxOptions & { step: Step }): Promise<string | Back | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  input(options: vscode.InputBoxOptions & { step: Step }): Promise<string | Back | undefined> {
    return this.target.input(options);
  }
  warn<A extends string>(message: string, detail: string, ...actions: A[]): Promise<A | undefined> {
    return this.target.warn(message, detail, ...actions);
  }
  inform<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    return this.target.inform(message, ...actions);
  }
  error<A extends string>(message: string, ...actions: A[]): Promise<A | undefined> {
    return this.target.error(message, ...actions);
  }
}
