import * as assert from 'assert';
import { envReferenceEdit } from '../../src/foundTokens/envReference';

const DB = `apiv1_${'A'.repeat(64)}`;
const MGMT = 'M.V1.abcdQz7UnitOnlyNotARealToken8fKx2LmP9vRt4WbN6cYh3JsE0uGa';

/** The text after the edit for the token `secret` in `text`, or undefined when none is offered. */
function replaced(text: string, languageId: string, fileName: string, secret = DB, encoding = 'plain'): string | undefined {
  const start = text.indexOf(secret);
  const edit = envReferenceEdit({ text, languageId, fileName }, { kind: secret === DB ? 'database' : 'management', start, end: start + secret.length, encoding });
  if (!edit) return undefined;
  let out = text;
  for (const r of [...edit.replacements].reverse()) out = out.slice(0, r.start) + r.text + out.slice(r.end);
  return out;
}

describe('replacing a found token by an environment variable reference', () => {
  it('in a Telegraf config: ${INFLUX_TOKEN} inside the quotes', () => {
    const conf = `[[outputs.influxdb_v2]]\n  urls = ["https://h"]\n  token = "${DB}"\n`;
    assert.strictEqual(replaced(conf, 'toml', '/w/telegraf.conf'), '[[outputs.influxdb_v2]]\n  urls = ["https://h"]\n  token = "${INFLUX_TOKEN}"\n');
    assert.strictEqual(replaced(`[agent]\ntoken = "${DB}"\n`, 'toml', '/w/other.toml'), undefined, 'a TOML file that is no Telegraf config');
  });

  it('in Python: os.environ["INFLUX_TOKEN"] for the whole literal, importing os when missing', () => {
    assert.strictEqual(replaced(`import sys\nclient = C(token="${DB}")\n`, 'python', '/w/a.py'), `import os\nimport sys\nclient = C(token=os.environ["INFLUX_TOKEN"])\n`);
    assert.strictEqual(replaced(`import os\nt = '${DB}'\n`, 'python', '/w/a.py'), `import os\nt = os.environ["INFLUX_TOKEN"]\n`);
    assert.strictEqual(replaced(`#!/usr/bin/env python3\nt = "${DB}"\n`, 'python', '/w/a.py'), `#!/usr/bin/env python3\nimport os\nt = os.environ["INFLUX_TOKEN"]\n`);
    assert.strictEqual(replaced(`t = b"${DB}"\n`, 'python', '/w/a.py'), undefined, 'a bytes literal is left alone');
    assert.strictEqual(replaced(`t = "Token ${DB}"\n`, 'python', '/w/a.py'), undefined, 'the token is only part of the literal');
  });

  it('in JavaScript and TypeScript: process.env.INFLUX_TOKEN, MANAGEMENT_TOKEN for a management token', () => {
    assert.strictEqual(replaced(`const t = '${DB}';\n`, 'typescript', '/w/a.ts'), 'const t = process.env.INFLUX_TOKEN;\n');
    assert.strictEqual(replaced(`const t = \`${MGMT}\`;\n`, 'javascript', '/w/a.js', MGMT), 'const t = process.env.MANAGEMENT_TOKEN;\n');
    assert.strictEqual(replaced(`const t = "${DB}';\n`, 'javascript', '/w/a.js'), undefined, 'quotes that do not match');
  });

  it('nowhere else, and never for an encoded form', () => {
    assert.strictEqual(replaced(`INFLUX_TOKEN=${DB}\n`, 'dotenv', '/w/.env'), undefined);
    assert.strictEqual(replaced(`const t = '${DB}';\n`, 'typescript', '/w/a.ts', DB, 'json'), undefined);
  });
});
