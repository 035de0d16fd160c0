/** 文稿 on the page: field labels, the versions with their 字数, the form; never handed to units. */
import type { KindUi } from '../cases/kind-views.js';
import { formatChars } from './count.js';
import { DraftFormModal } from './DraftFormModal.js';
import { DraftVersions } from './DraftVersions.js';

export const draftUi: KindUi = {
  fields: [
    { name: 'draftType', label: '类型' },
    { name: 'forWhom', label: '为谁起草' },
    { name: 'occasion', label: '场合' },
    { name: 'dueOn', label: '完成时限' },
    { name: 'chars', label: '现稿字数', render: (value) => formatChars(Number(value)) },
    { name: 'title', label: '标题', isLong: true },
  ],
  CreateForm: DraftFormModal,
  createLabel: '新建文稿',
  Sections: DraftVersions,
  hasAssignments: false,
  closedLabel: '定稿时间',
};
