/**
 * Passwords that appear at the top of leaked-password lists, including the
 * ones Chinese users favour (pinyin, dates, keyboard walks). Compared lower-cased.
 */
const list = `
123456 123456789 12345678 password qwerty123 qwerty 1q2w3e4r 111111 123123 abc123 password1 1234567890
000000 12345 1234567 iloveyou 666666 888888 123321 654321 7777777 112233 121212 5201314 1314520
a123456 a12345678 aa123456 abc12345 abcd1234 qwe123 qweasd qweasdzxc 1qaz2wsx 1qaz@wsx zxcvbnm asdfghjkl
woaini woaini1314 woaini520 iloveyou1 admin admin123 admin888 administrator root root123 test test123
p@ssw0rd p@ssword passw0rd password123 password@123 welcome welcome1 letmein changeme qwerty1234
admin@123 admin@1234 abc@123 abc@1234 qaz123 1q2w3e 1q2w3e4r5t zaq12wsx 123qwe 123qweasd
huawei@123 huawei123 gov123 zhengfu zhengfu123 bangongshi oa123456 oa@123 fuban fuban123 fuban@2026
12345678a 123456a a1234567 1234qwer qwer1234 asdf1234 zxcv1234 aa112233 ab123456 abc123456
`;

export const commonPasswords: ReadonlySet<string> = new Set(list.split(/\s+/).filter(Boolean));
