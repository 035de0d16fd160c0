import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { defaultSecurityPolicy } from '../../../common/schemas/security.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';

describe('password policy (等保 defaults)', () => {
  const cases: Array<[string, string, RegExp | null]> = [
    ['accepts a long three-class password', 'Gov#Office2026', null],
    ['accepts three classes without symbols', 'OfficeWork2026', null],
    ['refuses fewer than 8 characters', 'Ab#1xyz', /不得少于 8 位/],
    ['refuses two character classes', 'officework2026', /至少 3 类/],
    ['refuses a common password', 'P@ssw0rd', /过于常见/],
    ['refuses a common password with a symbol tacked on', 'Abcd1234!', /过于常见/],
    ['refuses the public demo password', 'Fuban@2026', /过于常见/],
    ['refuses a repeated character', 'Aa1Aa1Aa1Aa1', /过于常见/],
  ];
  for (const [name, password, expected] of cases) {
    test(name, () => {
      const problems = checkPasswordPolicy(password, defaultSecurityPolicy);
      if (expected === null) assert.deepEqual(problems, []);
      else assert.match(problems.join('；'), expected);
    });
  }

  test('refuses a password containing the username', () => {
    assert.match(checkPasswordPolicy('Zhangsan#2026', defaultSecurityPolicy, { username: 'zhangsan' }).join(), /用户名/);
  });

  test('the character-class rule can be relaxed by the security administrator (ASVS)', () => {
    const relaxed = { ...defaultSecurityPolicy, requireCharClasses: 1, minLength: 15 };
    assert.deepEqual(checkPasswordPolicy('correct horse battery staple', relaxed), []);
    assert.match(checkPasswordPolicy('shortpassphrase', { ...relaxed, minLength: 16 }).join(), /16 位/);
  });
});

describe('scrypt hashing', () => {
  test('verifies the right password only, with a fresh salt each time', async () => {
    const first = await hashPassword('Gov#Office2026');
    const second = await hashPassword('Gov#Office2026');
    assert.notEqual(first, second);
    assert.match(first, /^scrypt\$16384\$8\$1\$/);
    assert.equal(await verifyPassword('Gov#Office2026', first), true);
    assert.equal(await verifyPassword('Gov#Office2027', first), false);
    assert.equal(await verifyPassword('Gov#Office2026', 'md5$whatever'), false);
  });
});
