/**
 * A test-only kind that declares personal fields, as 依申请公开 and 信访 will: a petitioner's name, phone,
 * ID number and address. It is registered by the tests that use it, never by the app.
 */
import { z } from 'zod';
import { safeLine, safeText } from '../../common/schemas/primitives.js';
import { kindForm } from '../src/engine/inputs/fields.js';
import { commentInput, unitsInput } from '../src/engine/inputs/standard.js';
import { unitWorkTransitions } from '../src/engine/kinds/standard.js';
import type { KindDefinition, WaitingOn } from '../src/engine/kinds/kind.types.js';
import { registerKind } from '../src/engine/kinds/registry.js';

const office = ['clerk', 'hotline_staff', 'director'] as const;

export const PersonalTestFields = z.object({
  subject: safeLine().trim().min(2).max(200),
  petitionerName: safeLine().trim().min(1).max(30),
  phone: safeLine().trim().min(7).max(20),
  idNumber: safeLine().trim().max(18).optional(),
  address: safeLine().trim().max(200).optional(),
});

export const personalTestKind: KindDefinition<typeof PersonalTestFields> = {
  id: 'test_petition',
  label: '测试来访',
  fields: PersonalTestFields,
  // The title and search text name the petitioner: they must come out masked, as every other view.
  titleOf: (fields) => `${fields.petitionerName}反映：${fields.subject}`,
  searchTextOf: (fields) => [fields.subject, fields.petitionerName, fields.phone, fields.idNumber ?? '', fields.address ?? ''].join(' '),
  states: { registered: '待交办', handling: '办理中', closed: '已办结' },
  initialState: 'registered',
  roles: { create: office, view: office },
  personalFields: {
    petitionerName: { type: 'name', label: '来访人姓名' },
    phone: { type: 'phone', label: '联系电话' },
    idNumber: { type: 'idNumber', label: '身份证号码' },
    address: { type: 'address', label: '住址' },
  },
  // What the office writes about the petitioner: masked in the trail, sealed for 显示 (action-inputs.test).
  personalInputs: ['comment', 'reason', 'extension.reason', 'units[].instruction'],
  transitions: [
    { action: 'assign', label: '交办', from: ['registered', 'handling'], to: 'handling', actor: { roles: office }, effect: 'assign', input: { units: unitsInput(), comment: commentInput('交办意见') } },
    // 补正: the petitioner gives corrected details; the kind's whole field set comes back, the untouched ones masked.
    {
      action: 'correct',
      label: '更正信息',
      from: ['registered', 'handling'],
      to: null,
      actor: { roles: office },
      input: { document: kindForm({ label: '来访人信息', required: '请填写更正后的信息' }) },
      patchFields: ({ input, case: current }) => PersonalTestFields.parse({ ...current.fields, ...(input.document as Record<string, unknown>) }),
    },
    ...unitWorkTransitions({ from: ['handling'], office }),
    { action: 'close', label: '办结', from: ['handling'], to: 'closed', actor: { roles: office }, closes: true, input: { comment: commentInput('办结意见') } },
  ],
  serial: (year, seq) => `测访〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    if (current.state === 'registered' && current.handlerId) waiting.push({ userId: current.handlerId, label: '交办' });
    for (const assignment of assignments) if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
    return waiting;
  },
  metrics: [],
};

/** Registers the test kind (idempotent: registering the same declaration twice is allowed). */
export const registerPersonalTestKind = (): void => registerKind(personalTestKind as unknown as KindDefinition);

/**
 * A test-only kind with free texts a citizen's numbers may be typed into (personalText): a letter's subject and
 * body, beside a declared phone. 修改 edits the texts; a leader sees the case but may not 显示.
 */
export const LetterTestFields = z.object({
  subject: safeLine().trim().min(2).max(200),
  writerPhone: safeLine().trim().max(20).optional(),
  body: safeText().trim().min(2).max(4000),
});

export const personalTextTestKind: KindDefinition<typeof LetterTestFields> = {
  id: 'test_letter',
  label: '测试来信',
  fields: LetterTestFields,
  titleOf: (fields) => `来信：${fields.subject}`,
  searchTextOf: (fields) => [fields.subject, fields.writerPhone ?? '', fields.body].join(' '),
  states: { registered: '待办理', closed: '已办结' },
  initialState: 'registered',
  roles: { create: office, view: [...office, 'leader'] },
  personalFields: { writerPhone: { type: 'phone', label: '来信人电话' } },
  personalText: { subject: { label: '来信标题' }, body: { label: '来信内容' } },
  transitions: [
    {
      action: 'edit',
      label: '修改',
      from: ['registered'],
      to: null,
      actor: { roles: office },
      input: { document: kindForm({ label: '来信', required: '请填写修改后的来信' }) },
      patchFields: ({ input, case: current }) => LetterTestFields.parse({ ...current.fields, ...(input.document as Record<string, unknown>) }),
    },
    { action: 'close', label: '办结', from: ['registered'], to: 'closed', actor: { roles: office }, closes: true, input: { comment: commentInput('办结意见') } },
  ],
  serial: (year, seq) => `测信〔${year}〕${seq}号`,
  waitingOn: ({ case: current }) => (current.state === 'registered' && current.handlerId ? [{ userId: current.handlerId, label: '办理' }] : []),
  metrics: [],
};

/** Registers the letter test kind (idempotent). */
export const registerPersonalTextTestKind = (): void => registerKind(personalTextTestKind as unknown as KindDefinition);
