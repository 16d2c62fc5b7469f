// Checks HTTP requests and responses against the official InfluxDB 3
// Management API OpenAPI documents (test/fixtures/management-api/*.openapi.yml),
// for the local stand-in (fakeManagementApi.js): a request or an answer whose
// field names, types, status or media type the document does not describe is
// reported, so that a guess in the client or in the stand-in fails a test.
//
// Validator: Ajv's JSON Schema 2020-12 class. OpenAPI 3.1 schema objects *are*
// JSON Schema 2020-12, so they are validated as written ($ref beside other
// keywords, anyOf, format: uuid and date-time through ajv-formats), with no
// converted or dereferenced copy. A small router (below) maps a request to its
// operation. Stricter than the document in one way, on purpose: an object
// schema with `properties` accepts no other property (unevaluatedProperties:
// false), so `expires_at` for `expiresAt` is an error, not an ignored extra.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const YAML = require('yaml');
const { ROOT } = require('./codeServer');

const SPEC_FILES = { dedicated: 'cloud-dedicated.openapi.yml', clustered: 'clustered.openapi.yml' };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DOC_ID = 'https://openapi.invalid/management-api.json';


function specFile(product) {
  if (!SPEC_FILES[product]) throw new Error(`unknown product ${JSON.stringify(product)}; "dedicated" or "clustered"`);
  return path.join(ROOT, 'test', 'fixtures', 'management-api', SPEC_FILES[product]);
}

/** A JSON pointer as a URI fragment. */
function pointer(segments) {
  return `#${segments.map((s) => `/${encodeURIComponent(String(s).replace(/~/g, '~0').replace(/\//g, '~1'))}`).join('')}`;
}

/** Closes every object schema with `properties` (see the head of this file), in place. */
function closeObjects(schema) {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) {
    schema.forEach(closeObjects);
    return;
  }
  if (schema.properties && schema.additionalProperties === undefined && schema.unevaluatedProperties === undefined) {
    schema.unevaluatedProperties = false;
  }
  for (const key of ['properties', '$defs', 'patternProperties', 'dependentSchemas']) {
    if (schema[key]) Object.values(schema[key]).forEach(closeObjects);
  }
  for (const key of ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames']) {
    if (schema[key] && typeof schema[key] === 'object') closeObjects(schema[key]);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'prefixItems']) {
    if (Array.isArray(schema[key])) schema[key].forEach(closeObjects);
  }
}

function closeDocument(doc) {
  const media = (content) => Object.values(content || {}).forEach((m) => closeObjects(m.schema));
  Object.values(doc.components?.schemas || {}).forEach(closeObjects);
  Object.values(doc.components?.responses || {}).forEach((r) => media(r.content));
  Object.values(doc.components?.requestBodies || {}).forEach((r) => media(r.content));
  for (const item of Object.values(doc.paths || {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      media(op.requestBody?.content);
      Object.values(op.responses || {}).forEach((r) => media(r.content));
    }
  }
}

/** Formats of the documents that JSON Schema does not define. */
function addOpenApiFormats(ajv) {
  ajv.addFormat('int32', { type: 'number', validate: (n) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n) => Number.isInteger(n) });
}

function describeErrors(errors, where) {
  return (errors || [])
    .map((e) => {
      const at = `${where}${e.instancePath || ''}`;
      if (e.keyword === 'unevaluatedProperties' || e.keyword === 'additionalProperties') {
        const extra = e.params.unevaluatedProperty ?? e.params.additionalProperty;
        return `${at} has the property ${JSON.stringify(extra)}, which the document does not define`;
      }
      if (e.keyword === 'required') return `${at} lacks the required property ${JSON.stringify(e.params.missingProperty)}`;
      return `${at} ${e.message}`;
    })
    .filter((m, i, all) => all.indexOf(m) === i)
    .slice(0, 8);
}

function mediaTypeOf(contentType) {
  return String(contentType || '')
    .split(';')[0]
    .trim()
    .toLowerCase();
}

class OpenApiDocument {
  /** @param {'dedicated' | 'clustered'} product */
  constructor(product) {
    this.product = product;
    this.file = specFile(product);
    const doc = YAML.parse(fs.readFileSync(this.file, 'utf8'));
    closeDocument(doc);
    this.doc = doc;
    // servers: https://{baseurl}/api/v0 → /api/v0
    this.basePath = new URL(doc.servers[0].url.replace(/\{[^}]+\}/g, 'host.invalid')).pathname.replace(/\/+$/, '');
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    addOpenApiFormats(this.ajv);
    this.ajv.addSchema(doc, DOC_ID);
    this.validators = new Map();
    this.routes = [];
    for (const [template, item] of Object.entries(doc.paths)) {
      const names = [];
      // Escape what a path can hold that a RegExp reads (braces are not escaped), then {name} → a segment.
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name) => {
        names.push(name);
        return '([^/]+)';
      });
      const regex = new RegExp(`^${this.basePath.replace(/[.*+?^$()|[\]\\]/g, '\\$&')}${source}$`);
      for (const method of METHODS) {
        if (item[method]) this.routes.push({ method: method.toUpperCase(), template, regex, names, operation: item[method], pathParams: item.parameters || [] });
      }
    }
  }

  /** A compiled validator for the schema at a JSON pointer of the document. */
  validator(segments) {
    const ref = `${DOC_ID}${pointer(segments)}`;
    let v = this.validators.get(ref);
    if (!v) {
      v = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, v);
    }
    return v;
  }

  /** An OpenAPI object that may be a Reference Object, with where it really is. */
  resolve(obj, segments) {
    let at = segments;
    let o = obj;
    for (let depth = 0; o && o.$ref && depth < 5; depth++) {
      const ref = o.$ref;
      if (!ref.startsWith('#/')) throw new Error(`external reference ${ref}`);
      at = ref
        .slice(2)
        .split('/')
        .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
      o = at.reduce((x, k) => (x ? x[k] : undefined), this.doc);
    }
    return { obj: o, at };
  }

  /** The operation of a request: { route, params } or { error }. */
  match(method, pathname) {
    const candidates = this.routes.filter((r) => r.regex.test(pathname));
    if (!candidates.length) return { error: `no path of the ${this.product} document matches ${pathname}` };
    const route = candidates.find((r) => r.method === method);
    if (!route) return { error: `the ${this.product} document has no ${method} for ${candidates[0].template}`, methodNotAllowed: true };
    const m = route.regex.exec(pathname);
    const params = {};
    route.names.forEach((name, i) => {
      try {
        params[name] = decodeURIComponent(m[i + 1]);
      } catch {
        params[name] = m[i + 1];
      }
    });
    return { route, params };
  }

  /**
   * Checks a request. Returns { route, params, json, errors }: `errors` lists
   * every way the request departs from the document (empty when it conforms).
   */
  checkRequest({ method, url, headers, body }) {
    const errors = [];
    const u = new URL(url, 'http://host.invalid');
    const found = this.match(method, u.pathname);
    if (found.error) return { errors: [found.error], routeError: true, methodNotAllowed: !!found.methodNotAllowed };
    const { route, params } = found;
    const op = route.operation;
    const opId = op.operationId;
    const pathKey = route.template;
    const methodKey = route.method.toLowerCase();
    // Path parameters: declared on the operation or its path item; all required (OpenAPI says so, whatever a document writes).
    const declared = new Map();
    route.pathParams.forEach((p, i) => {
      const r = this.resolve(p, ['paths', pathKey, 'parameters', i]);
      declared.set(`${r.obj.in}:${r.obj.name}`, r);
    });
    (op.parameters || []).forEach((p, i) => {
      const r = this.resolve(p, ['paths', pathKey, methodKey, 'parameters', i]);
      declared.set(`${r.obj.in}:${r.obj.name}`, r);
    });
    for (const name of route.names) {
      const d = declared.get(`path:${name}`);
      if (!d) {
        errors.push(`${opId}: the path parameter ${name} is not declared`);
        continue;
      }
      let value = params[name];
      if (d.obj.schema && (d.obj.schema.type === 'integer' || d.obj.schema.type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) value = Number(value);
      const v = this.validator([...d.at, 'schema']);
      if (!v(value)) errors.push(...describeErrors(v.errors, `${opId}: path parameter ${name} (${JSON.stringify(params[name])})`));
    }
    for (const key of u.searchParams.keys()) {
      const d = declared.get(`query:${key}`);
      if (!d) errors.push(`${opId}: the query parameter ${JSON.stringify(key)} is not in the document`);
    }
    for (const [key, d] of declared) {
      if (key.startsWith('query:') && d.obj.required && !u.searchParams.has(d.obj.name)) errors.push(`${opId}: the query parameter ${d.obj.name} is required`);
    }
    // Every answer of these documents is application/json (or none).
    const accept = headers.accept;
    if (accept && !/(^|,)\s*(application\/json|application\/\*|\*\/\*)\s*(;|,|$)/i.test(accept)) {
      errors.push(`${opId}: Accept ${JSON.stringify(accept)} does not take application/json, the only media type the document answers with`);
    }
    let json;
    const hasBody = body !== undefined && body.length > 0;
    if (op.requestBody) {
      const rb = this.resolve(op.requestBody, ['paths', pathKey, methodKey, 'requestBody']);
      if (!hasBody) {
        if (rb.obj.required) errors.push(`${opId}: the request body is required`);
      } else {
        const type = mediaTypeOf(headers['content-type']);
        const media = rb.obj.content && rb.obj.content[type];
        if (!media) {
          errors.push(`${opId}: Content-Type ${JSON.stringify(headers['content-type'] || '(none)')} is not one of ${Object.keys(rb.obj.content || {}).join(', ')}`);
        } else {
          try {
            json = JSON.parse(body);
          } catch {
            errors.push(`${opId}: the request body is not JSON`);
          }
          if (json !== undefined && media.schema) {
            const v = this.validator([...rb.at, 'content', type, 'schema']);
            if (!v(json)) errors.push(...describeErrors(v.errors, `${opId}: request body`));
          }
        }
      }
    } else if (hasBody) {
      errors.push(`${opId}: ${route.method} ${route.template} takes no request body`);
    }
    return { route, params, json, errors };
  }

  /** Checks an answer to an operation; returns the list of departures from the document. */
  checkResponse(route, { status, headers, body }) {
    const op = route.operation;
    const opId = op.operationId;
    const responses = op.responses || {};
    const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
    if (!key) return [`${opId}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    const r = this.resolve(responses[key], ['paths', route.template, route.method.toLowerCase(), 'responses', key]);
    const content = r.obj.content;
    const hasBody = body !== undefined && body.length > 0;
    if (!content) return hasBody ? [`${opId}: status ${status} has no body in the document, but the answer has one`] : [];
    const type = mediaTypeOf(headers['content-type']);
    const media = content[type];
    if (!media) return [`${opId}: status ${status} answers with ${Object.keys(content).join(', ')}, not ${JSON.stringify(headers['content-type'] || '(none)')}`];
    if (!hasBody) return [`${opId}: status ${status} needs a body`];
    let json;
    try {
      json = JSON.parse(body);
    } catch {
      return [`${opId}: the answer is not JSON`];
    }
    if (!media.schema) return [];
    const v = this.validator([...r.at, 'content', type, 'schema']);
    return v(json) ? [] : describeErrors(v.errors, `${opId}: ${status} answer`);
  }
}

const documents = new Map();

/** The document of a product, loaded and compiled once per process. */
function openApiDocument(product) {
  let d = documents.get(product);
  if (!d) {
    d = new OpenApiDocument(product);
    documents.set(product, d);
  }
  return d;
}

module.exports = { openApiDocument, OpenApiDocument, specFile };
