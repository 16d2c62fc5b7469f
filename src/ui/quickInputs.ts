// Bundled on its own into dist/quickInputs.js and loaded on the first
// question that needs a QuickPick or an InputBox rather than showQuickPick /
// showInputBox (see windowPrompts in ./prompts.ts), so activation does not pay for it.
import * as vscode from 'vscode';
import { keepExclusive } from '../core/exclusiveChoice';
import type { PickManyOptions, PickOptions } from './prompts';
import { BACK, type Back, type Step } from './quickInputStep';

type Widget = vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox;

/** Shows `widget` as `step` of a multi-step input (its counter, and Back from step 2 on) and resolves to what `accept` makes of it, BACK, or undefined once hidden. */
function ask<W extends Widget, R>(widget: W, options: { title?: string; ignoreFocusOut?: boolean; step?: Step }, accept: (widget: W) => R | undefined | Promise<R | undefined>): Promise<R | Back | undefined> {
  widget.title = options.title;
  widget.ignoreFocusOut = options.ignoreFocusOut ?? false;
  widget.step = options.step?.step;
  widget.totalSteps = options.step?.totalSteps;
  widget.buttons = options.step && options.step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    let answer: R | Back | undefined;
    const done = (value: R | Back | undefined) => {
      answer = value;
      widget.hide();
    };
    widget.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && done(BACK));
    widget.onDidAccept(async () => {
      const value = await accept(widget);
      if (value !== undefined) done(value);
    });
    widget.onDidHide(() => {
      widget.dispose();
      resolve(answer);
    });
    widget.show();
  });
}

export function pickOne<T extends vscode.QuickPickItem>(items: T[], options: PickOptions<T> & { step?: Step }): Promise<T | Back | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.items = items;
  if (options.active) qp.activeItems = [options.active];
  qp.placeholder = options.placeHolder;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  return ask(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, options, () => (qp.selectedItems[0] ?? qp.activeItems[0]) as T | undefined);
}

export function pickMany<T extends vscode.QuickPickItem>(items: T[], options: PickManyOptions<T> & { step?: Step }): Promise<T[] | Back | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.canSelectMany = true;
  qp.items = items;
  qp.selectedItems = items.filter((i) => i.picked);
  qp.placeholder = options.placeHolder;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  const { exclusive } = options;
  if (exclusive) {
    let before: readonly T[] = qp.selectedItems;
    qp.onDidChangeSelection((after) => {
      const kept = keepExclusive(before, after, exclusive);
      before = kept;
      if (kept.length !== after.length) qp.selectedItems = kept;
    });
  }
  return ask(qp as unknown as vscode.QuickPick<vscode.QuickPickItem>, options, () => [...qp.selectedItems]);
}

type Verdict = string | vscode.InputBoxValidationMessage | undefined | null;

function isError(verdict: Verdict): boolean {
  return typeof verdict === 'string' ? verdict !== '' : !!verdict && verdict.severity === vscode.InputBoxValidationSeverity.Error;
}

/** An InputBox that validates as showInputBox does (as typed, with severities; an error blocks Enter). */
export function input(options: vscode.InputBoxOptions & { step?: Step }): Promise<string | Back | undefined> {
  const box = vscode.window.createInputBox();
  box.value = options.value ?? '';
  if (options.valueSelection) box.valueSelection = options.valueSelection;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.password = options.password ?? false;
  const validate = async (value: string): Promise<Verdict> => {
    const verdict = (await options.validateInput?.(value)) ?? undefined;
    // A verdict on a value already typed over is stale.
    if (box.value === value) box.validationMessage = verdict ?? undefined;
    return verdict;
  };
  box.onDidChangeValue((value) => void validate(value));
  void validate(box.value);
  return ask(box, options, async () => (isError(await validate(box.value)) ? undefined : box.value));
}
