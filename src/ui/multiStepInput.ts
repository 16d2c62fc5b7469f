import { BACK, type Back, type Step } from './quickInputStep';

/**
 * One question of a multi-step input: asked as `position` with the answers so
 * far (its own earlier answer among them, the default when the person comes
 * back to it), it resolves to the answers with its own added, BACK, or
 * undefined when cancelled.
 */
export type InputStep<A> = (position: Step, answers: A) => Promise<A | Back | undefined>;

/**
 * Runs a multi-step input, as VS Code's own and the Azure extensions' do:
 * "(n/m)" beside each question's title and Back from the second on. `plan`
 * gives the steps that apply to the answers so far (one whose need depends
 * on a later answer appears once that answer is given: the custom expiry,
 * the name of another database), so the counter stays right. Going back
 * keeps every answer, and each is offered again; Escape on any step cancels
 * the whole input (undefined), with nothing done.
 */
export async function runSteps<A>(initial: A, plan: (answers: A) => readonly InputStep<A>[]): Promise<A | undefined> {
  let answers = initial;
  for (let index = 0; ; ) {
    const steps = plan(answers);
    if (index >= steps.length) return answers;
    const result = await steps[index]({ step: index + 1, totalSteps: steps.length }, answers);
    if (result === undefined) return undefined;
    if (result === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    answers = result;
    index++;
  }
}
