import * as vscode from 'vscode';

/** Runs work under a cancellable notification progress, handing it an AbortSignal. */
export function withCancellableProgress<T>(title: string, work: (signal: AbortSignal, report: (message: string) => void) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    return work(abort.signal, (message) => progress.report({ message })).finally(() => sub.dispose());
  });
}
