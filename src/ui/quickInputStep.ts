// Apart from ./prompts.ts so that the bundles loaded on first use can import
// BACK without the real widgets that ./prompts.ts holds.

/** Where a question stands in a multi-step input: shown as "(2/4)" beside its title, with a Back button from step 2 on. */
export interface Step {
  step: number;
  totalSteps: number;
}

/**
 * What a question of a multi-step input resolves to when the person presses
 * Back. Symbol.for: each bundle has its own copy of this module, and all of
 * them must see the same value.
 */
export const BACK: unique symbol = Symbol.for('influxdbTokens.quickInput.back');
export type Back = typeof BACK;
