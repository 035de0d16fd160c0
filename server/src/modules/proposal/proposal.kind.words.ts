/** The words of an item's body (建议号 or 提案号 …), for pages, the 交办单 and the promise's 督办 item. */
import { bodyWords } from '../../../../common/schemas/proposal.js';

export const wordsOf = (fields: { body: 'npc' | 'cppcc' }) => bodyWords[fields.body];
