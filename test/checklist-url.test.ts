/**
 * The checklist writes a bound value in a URL's userinfo percent-encoded (as the runbooks do), so
 * a password with `@ / : # ?` gives a URL that still means the same user, host and database.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepsToChecklist } from '../src/generate/steps-to-checklist.js';
import { urlUserinfo } from '../src/generate/escape/url.js';
import { hostileGraph } from './helpers/hostile.js';

test('checklist: a shown password in mysql://user:PASS@host/ is percent-encoded; elsewhere it is as bound', () => {
  const secret = 'p@ss/w:rd#?%';
  const { files } = stepsToChecklist(hostileGraph(), { vars: { SECRET: secret, DBNAME: 'nova' }, showSecrets: true });
  const md = files[0]!.content;
  assert.ok(md.includes(`mysql://hostile:${urlUserinfo(secret)}@localhost/nova`), md);
  assert.equal(urlUserinfo(secret), 'p%40ss%2Fw%3Ard%23%3F%25');
  assert.ok(!md.includes(`mysql://hostile:${secret}@`));
  assert.ok(md.includes(`password = ${secret}`), 'the INI password value is shown as bound');
  const masked = stepsToChecklist(hostileGraph(), { vars: { SECRET: secret, DBNAME: 'nova' } }).files[0]!.content;
  assert.ok(!masked.includes('p%40ss') && !masked.includes(secret), 'a secret is masked by default');
});
