/**
 * A cheap test for a token in a text, before anything heavier loads: one of
 * tokenScan's tokenCandidateStrings occurs (a unit test compares the two).
 * A module of its own, so that the activation bundle carries only this.
 */
export const MAY_HOLD_TOKEN = /apiv|M\.V|YXBpd|TS5W|FwaXYxX|0uVjEu|hcGl2MV|NLlYxL/;
