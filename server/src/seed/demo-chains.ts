/**
 * The demo office's 发文 approval chains: government documents are signed by a 市领导, the office's
 * own by the 办公室主任 or a 市领导; every chain checks a 规范性文件's legality before it is signed.
 */
import type { ChainStep, SaveChainInput } from '../../../common/schemas/outgoing.js';

const step = (label: string, type: ChainStep['type'], roles: ChainStep['roles'], extra: Partial<ChainStep> = {}): ChainStep => ({ label, type, roles, parallel: false, onlyNormative: false, ...extra });

const legalReview = step('合法性审查', 'review', ['legal_staff'], { onlyNormative: true });

export const demoChains: ReadonlyArray<Omit<SaveChainInput, 'baseVersion'>> = [
  {
    name: '市政府发文',
    issuerCode: '示政发',
    docType: null,
    direction: null,
    steps: [step('核稿', 'review', ['director']), legalReview, step('会签', 'countersign', []), step('签发', 'sign', ['leader'])],
  },
  { name: '市政府函', issuerCode: '示政函', docType: null, direction: null, steps: [step('核稿', 'review', ['director']), step('会签', 'countersign', []), step('签发', 'sign', ['leader'])] },
  {
    name: '市政府办公室发文',
    issuerCode: '示政办发',
    docType: null,
    direction: null,
    steps: [step('核稿', 'review', ['director']), legalReview, step('会签', 'countersign', []), step('签发', 'sign', ['director', 'leader'])],
  },
  { name: '市政府办公室函', issuerCode: '示政办函', docType: null, direction: null, steps: [step('核稿', 'review', ['director']), step('会签', 'countersign', []), step('签发', 'sign', ['director', 'leader'])] },
  { name: '常务会议纪要', issuerCode: '示政纪要', docType: null, direction: null, steps: [step('核稿', 'review', ['director']), step('签发', 'sign', ['leader'])] },
];
