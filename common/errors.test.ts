import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ErrorBody, errorCodes, isErrorBody } from './errors.js';

test('isErrorBody answers as ErrorBody.safeParse does, on bodies and on anything else', () => {
  const nearBody = fc.record(
    {
      code: fc.oneof(fc.constantFrom(...errorCodes), fc.string(), fc.constant('internal'), fc.anything()),
      message: fc.oneof(fc.string(), fc.anything()),
      details: fc.anything(),
      extra: fc.anything(),
    },
    { requiredKeys: [] },
  );
  // An array carrying the two properties is not a body either.
  const arrayLike = nearBody.map((body) => Object.assign([], body));
  fc.assert(
    fc.property(fc.oneof(nearBody, arrayLike, fc.anything(), fc.array(fc.anything())), (value) => {
      assert.equal(isErrorBody(value), ErrorBody.safeParse(value).success, JSON.stringify(value));
    }),
    { numRuns: 2000, seed: 16 },
  );
});

test('a server error body is one; a proxy page, a bare status and an unknown code are not', () => {
  assert.equal(isErrorBody({ code: 'CONFLICT', message: '已被他人修改', details: { version: 3 } }), true);
  assert.equal(isErrorBody({ code: 'NOT_FOUND', message: '' }), true);
  assert.equal(isErrorBody(null), false);
  assert.equal(isErrorBody('<html>502 Bad Gateway</html>'), false);
  assert.equal(isErrorBody({ statusCode: 500, error: 'Internal Server Error', message: 'x' }), false);
  assert.equal(isErrorBody({ code: 'TEAPOT', message: 'x' }), false);
  assert.equal(isErrorBody([{ code: 'INTERNAL', message: 'x' }]), false);
});
