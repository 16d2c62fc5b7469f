// The official Management API OpenAPI documents (test/fixtures/management-api),
// read for the tests: the operations of database tokens, their documented
// statuses and the documents' own examples.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { repoRoot } from './simulator';

export type Product = 'dedicated' | 'clustered';

export const FIXTURES = path.join(repoRoot(), 'test', 'fixtures');

export const OPERATIONS = ['GetClusterDatabases', 'GetDatabaseTokens', 'CreateDatabaseToken', 'GetDatabaseToken', 'UpdateDatabaseToken', 'DeleteDatabaseToken'] as const;
export type OperationId = (typeof OPERATIONS)[number];

interface Operation {
  method: string;
  path: string;
  responses: Record<string, { content?: Record<string, { example?: unknown; examples?: Record<string, { value: unknown }> }> }>;
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
}

type Doc = { paths: Record<string, Record<string, Operation & { operationId?: string }>>; components: { responses: Record<string, unknown> } };

const docs = new Map<Product, Doc>();

export function specDocument(product: Product): Doc {
  let d = docs.get(product);
  if (!d) {
    const file = path.join(FIXTURES, 'management-api', `${product === 'dedicated' ? 'cloud-dedicated' : 'clustered'}.openapi.yml`);
    d = YAML.parse(fs.readFileSync(file, 'utf8')) as Doc;
    docs.set(product, d);
  }
  return d;
}

/** An operation by its operationId, with its method and path template. */
export function operation(product: Product, operationId: OperationId): Operation {
  for (const [p, item] of Object.entries(specDocument(product).paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (op && typeof op === 'object' && op.operationId === operationId) return { ...op, method: method.toUpperCase(), path: p };
    }
  }
  assert.fail(`${operationId} is not in the ${product} document`);
}

/** The statuses the document gives for an operation. */
export function documentedStatuses(product: Product, operationId: OperationId): number[] {
  return Object.keys(operation(product, operationId).responses).map(Number);
}

/** Every example of an operation's answer with this status (`example` and `examples.*.value`). */
export function responseExamples(product: Product, operationId: OperationId, status = '200'): unknown[] {
  const media = operation(product, operationId).responses[status]?.content?.['application/json'];
  if (!media) return [];
  return [...(media.example !== undefined ? [media.example] : []), ...Object.values(media.examples ?? {}).map((e) => e.value)];
}

/** Every example of an operation's request body. */
export function requestExamples(product: Product, operationId: OperationId): unknown[] {
  const media = operation(product, operationId).requestBody?.content['application/json'];
  return Object.values(media?.examples ?? {}).map((e) => e.value);
}

/** Asserts that no 8-character piece of a secret is in the text. */
export function assertNoSecret(text: string, secret: string): void {
  const random = secret.startsWith('M.V') ? secret.slice(9) : secret.startsWith('apiv1_') ? secret.slice(6) : secret;
  for (let i = 0; i + 8 <= random.length; i++) {
    assert.ok(!text.includes(random.slice(i, i + 8)), `secret piece ${JSON.stringify(random.slice(i, i + 8))} leaked in ${text}`);
  }
}
