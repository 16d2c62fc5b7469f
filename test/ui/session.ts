import type { Workbench } from './workbench';

let current: Workbench | undefined;

export function setWorkbench(w: Workbench | undefined): void {
  current = w;
}

/** The workbench the UI suite shares. */
export function wb(): Workbench {
  if (!current) throw new Error('the workbench is not running');
  return current;
}
