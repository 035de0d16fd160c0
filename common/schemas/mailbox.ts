/**
 * 市长信箱 vocabulary both sides use: the proof-of-work challenge, the letter a citizen writes (no account),
 * the query code's answer — the state in plain words and the reply only once the center made it public.
 */
import { z } from 'zod';
import { TicketType } from './hotline.js';
import { safeLine, safeText } from './primitives.js';

/** A challenge: `random.expiresMs.bits.mac`; the browser finds a nonce so SHA-256(challenge:nonce) starts with `bits` zero bits. */
export const MailboxChallenge = z.object({ challenge: z.string(), bits: z.number().int(), expiresAt: z.string() });
export type MailboxChallenge = z.infer<typeof MailboxChallenge>;

export const MailboxLetter = z.object({
  challenge: z.string().min(1).max(300),
  nonce: z.string().regex(/^[0-9]{1,16}$/, '工作量证明无效'),
  name: safeLine().trim().min(1, '请填写姓名').max(30, '姓名不能超过 30 字'),
  phone: z.string().trim().regex(/^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/, '请填写正确的手机或固定电话号码'),
  ticketType: TicketType,
  category: safeLine().trim().min(3, '请选择诉求分类').max(120),
  subject: safeLine().trim().min(2, '请填写标题').max(60, '标题不能超过 60 字'),
  content: safeText().trim().min(10, '来信内容不少于 10 字').max(4000, '来信内容不能超过 4000 字'),
  mayPublish: z.boolean(),
});
export type MailboxLetter = z.infer<typeof MailboxLetter>;

/** The letter form's fields as the page names them: a refusal says which box to correct, never the key. */
export const mailboxLetterLabels: Readonly<Record<keyof MailboxLetter, string>> = {
  challenge: '安全验证',
  nonce: '安全验证',
  name: '姓名',
  phone: '联系电话',
  ticketType: '诉求类型',
  category: '诉求分类',
  subject: '标题',
  content: '来信内容',
  mayPublish: '是否同意公开',
};

export const MailboxReceipt = z.object({ queryCode: z.string(), receivedAt: z.string() });
export type MailboxReceipt = z.infer<typeof MailboxReceipt>;

export const MailboxQuery = z.object({ code: z.string().trim().min(1, '请输入查询码').max(40) });

/** All a query code shows: nothing of the writer, the units or the ticket beyond this. */
export const MailboxStatus = z.object({
  subject: z.string(),
  receivedOn: z.string(),
  status: z.string(),
  isFinished: z.boolean(),
  reply: z.object({ text: z.string(), on: z.string() }).nullable(),
});
export type MailboxStatus = z.infer<typeof MailboxStatus>;
