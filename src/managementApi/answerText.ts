// What is wrong with an answer of the Management API, in words: a field of
// the wrong shape, an answer that is not the documented one, a status or a
// body that is unexpected. The core keeps these as codes and data
// (AnswerFieldProblem, UnexpectedProblem); managementApiText.ts puts them into
// its sentences, and a create that still gave its secret names them.
import * as vscode from 'vscode';
import { redactSecrets, type AnswerFieldProblem, type AnswerKind, type CreatedDatabaseTokenProblem, type UnexpectedProblem, type ValueShape } from '../core';

/** A value of an answer in words: "the string "x"", "a number". */
export function describeValue(v: ValueShape): string {
  switch (v.type) {
    case 'null':
      return 'null';
    case 'array':
      return vscode.l10n.t('an array');
    case 'object':
      return vscode.l10n.t('an object');
    case 'string':
      return v.text === undefined ? vscode.l10n.t('a string') : vscode.l10n.t('the string {0}', JSON.stringify(v.text));
    case 'number':
      return v.text === undefined ? vscode.l10n.t('a number') : vscode.l10n.t('number {0}', v.text);
    case 'boolean':
      return v.text === undefined ? vscode.l10n.t('a boolean') : vscode.l10n.t('boolean {0}', v.text);
    default:
      return v.type;
  }
}

const FIELD_COMMENT = ['Says what is wrong with a field of an answer; the field is named before it ("field "createdAt" is missing").'];

/** A field of another type than `expected`: "is the string "x", not a UUID". */
function describeNotA(expected: Extract<AnswerFieldProblem, { code: 'notA' }>['expected'], value: string): string {
  switch (expected) {
    case 'string':
      return vscode.l10n.t({ message: 'is {0}, not a string', args: [value], comment: FIELD_COMMENT });
    case 'UUID':
      return vscode.l10n.t({ message: 'is {0}, not a UUID', args: [value], comment: FIELD_COMMENT });
    case 'RFC3339':
      return vscode.l10n.t({ message: 'is {0}, not an RFC3339 date-time', args: [value], comment: FIELD_COMMENT });
    case 'integer':
      return vscode.l10n.t({ message: 'is {0}, not an integer', args: [value], comment: FIELD_COMMENT });
    case 'array':
      return vscode.l10n.t({ message: 'is {0}, not an array', args: [value], comment: FIELD_COMMENT });
    case 'object':
      return vscode.l10n.t({ message: 'is {0}, not an object', args: [value], comment: FIELD_COMMENT });
  }
}

/** What is wrong with a field, as a predicate: "is missing", "is the string "x", not a UUID". */
function describeFieldProblem(p: AnswerFieldProblem): string {
  switch (p.code) {
    case 'missing':
      return vscode.l10n.t({ message: 'is missing', comment: FIELD_COMMENT });
    case 'empty':
      return vscode.l10n.t({ message: 'is empty', comment: FIELD_COMMENT });
    case 'controlChars':
      return vscode.l10n.t({ message: 'contains spaces or control characters', comment: FIELD_COMMENT });
    case 'repeatedSecret':
      return vscode.l10n.t({ message: 'appears more than once with different values; the last one was kept', comment: FIELD_COMMENT });
    case 'trimmedSecret':
      return vscode.l10n.t({ message: 'has blanks or line breaks around it; they were removed', comment: FIELD_COMMENT });
    case 'notA':
      return describeNotA(p.expected, describeValue(p.value));
    case 'lessThan':
      return vscode.l10n.t({ message: 'is {0}, less than {1}', args: [p.value, p.min], comment: FIELD_COMMENT });
    case 'nameLength':
      return vscode.l10n.t({ message: 'is {0} characters long; a database name has 1 to 64', args: [p.length], comment: FIELD_COMMENT });
    case 'repeatedId':
      return vscode.l10n.t({ message: 'repeats the ID {0} of [{1}]; a list holds each token once', args: [p.id, p.first], comment: FIELD_COMMENT });
    case 'topLevel':
      return p.expected === 'array' ? vscode.l10n.t('expected a JSON array, got {0}', describeValue(p.value)) : vscode.l10n.t('expected a JSON object, got {0}', describeValue(p.value));
    case 'tooShort':
      return vscode.l10n.t({ message: 'is shorter than {0} characters', args: [p.min], comment: FIELD_COMMENT });
  }
}

function notTheAnswer(answer: AnswerKind): string {
  switch (answer) {
    case 'databaseTokenList':
      return vscode.l10n.t('the answer is not a list of database tokens');
    case 'databaseToken':
      return vscode.l10n.t('the answer is not a database token');
    case 'createdDatabaseToken':
      return vscode.l10n.t('the answer is not a created database token');
    case 'databaseList':
      return vscode.l10n.t('the answer is not a list of databases');
  }
}

/** An answer that is not the documented one: what it is not, the field and what is wrong with it. */
function describeShape(answer: AnswerKind, field: string, problem: AnswerFieldProblem): string {
  const what = notTheAnswer(answer);
  const wrong = describeFieldProblem(problem);
  return field ? vscode.l10n.t('{0}: field "{1}" {2}', what, field, wrong) : vscode.l10n.t('{0}: {1}', what, wrong);
}

/** What the server sent, as the core kept it (an excerpt, a location, an error's message): redacted once more. */
function shown(text: string): string;
function shown(text: string | undefined): string | undefined;
function shown(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactSecrets(text);
}

/** What made an answer (or a call) unexpected, as a clause (without the final full stop). */
export function describeUnexpected(p: UnexpectedProblem): string {
  switch (p.code) {
    case 'status': {
      const redirect = p.status >= 300 && p.status < 400;
      const detail = p.location === undefined ? shown(p.excerpt) : vscode.l10n.t('redirects to {0}', shown(p.location));
      if (redirect) return detail ? vscode.l10n.t('a redirect (HTTP {0}): {1}', p.status, detail) : vscode.l10n.t('a redirect (HTTP {0}), which the Management API does not answer here', p.status);
      return detail ? vscode.l10n.t('HTTP {0}: {1}', p.status, detail) : vscode.l10n.t('HTTP {0}, which the Management API does not answer here', p.status);
    }
    case 'tooLarge':
      return vscode.l10n.t('the answer is larger than {0} MiB; it was not read', Math.round(p.limitBytes / (1024 * 1024)));
    case 'html':
      return p.excerpt ? vscode.l10n.t('the answer is an HTML page, not JSON (a proxy or a login page?): {0}', shown(p.excerpt)) : vscode.l10n.t('the answer is an HTML page, not JSON (a proxy or a login page?)');
    case 'notJson':
      return p.excerpt ? vscode.l10n.t('the answer is not JSON: {0}', shown(p.excerpt)) : vscode.l10n.t('the answer is not JSON');
    case 'shape':
      return describeShape(p.answer, p.field, p.problem);
    case 'failed':
      return vscode.l10n.t('the call failed unexpectedly ({0})', shown(p.error));
    case 'notPrepared':
      return vscode.l10n.t('the connection could not be prepared ({0}); nothing was sent', shown(p.error));
  }
}

const UNEXPECTED_CODES = new Set<string>(['status', 'tooLarge', 'html', 'notJson', 'shape', 'failed', 'notPrepared']);

/** What was odd in the answer to a create that still gave the secret: "createdAt: is the string "now", not an RFC3339 date-time". */
export function describeCreatedTokenProblem(p: CreatedDatabaseTokenProblem): string {
  const problem = p.problem;
  const wrong = UNEXPECTED_CODES.has(problem.code) ? describeUnexpected(problem as UnexpectedProblem) : describeFieldProblem(problem as AnswerFieldProblem);
  return vscode.l10n.t('{0}: {1}', p.field, wrong);
}
