/**
 * The words of a 政府信息公开申请 both sides use: channels (条例第三十一条), applicant types and the 21
 * answers as table 三 of the 年度报告 (国办公开办函〔2021〕30号) counts them, delivery, 复议/诉讼.
 */
/** 申请人情况 columns of table 三: 自然人, then the five kinds of 法人或其他组织. */
export const applicantTypes = ['natural', 'commercial', 'research', 'publicInterest', 'legalService', 'other'] as const;
export type ApplicantType = (typeof applicantTypes)[number];

/** Every answer the template counts, grouped as its rows are: (一)…(六). */
export const outcomeRows = [
  { group: null, code: 'disclosed', label: '（一）予以公开' },
  { group: null, code: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { group: '（三）不予公开', code: 'withheld.stateSecret', label: '1.属于国家秘密' },
  { group: '（三）不予公开', code: 'withheld.prohibitedByLaw', label: '2.其他法律行政法规禁止公开' },
  { group: '（三）不予公开', code: 'withheld.safetyStability', label: '3.危及“三安全一稳定”' },
  { group: '（三）不予公开', code: 'withheld.thirdParty', label: '4.保护第三方合法权益' },
  { group: '（三）不予公开', code: 'withheld.internalAffairs', label: '5.属于三类内部事务信息' },
  { group: '（三）不予公开', code: 'withheld.process', label: '6.属于四类过程性信息' },
  { group: '（三）不予公开', code: 'withheld.enforcementFile', label: '7.属于行政执法案卷' },
  { group: '（三）不予公开', code: 'withheld.queryMatter', label: '8.属于行政查询事项' },
  { group: '（四）无法提供', code: 'unavailable.notHeld', label: '1.本机关不掌握相关政府信息' },
  { group: '（四）无法提供', code: 'unavailable.needsCreation', label: '2.没有现成信息需要另行制作' },
  { group: '（四）无法提供', code: 'unavailable.unclearAfterCorrection', label: '3.补正后申请内容仍不明确' },
  { group: '（五）不予处理', code: 'notProcessed.petition', label: '1.信访举报投诉类申请' },
  { group: '（五）不予处理', code: 'notProcessed.repeated', label: '2.重复申请' },
  { group: '（五）不予处理', code: 'notProcessed.publication', label: '3.要求提供公开出版物' },
  { group: '（五）不予处理', code: 'notProcessed.massRepeated', label: '4.无正当理由大量反复申请' },
  { group: '（五）不予处理', code: 'notProcessed.confirmation', label: '5.要求行政机关确认或重新出具已获取信息' },
  { group: '（六）其他处理', code: 'other.noCorrection', label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { group: '（六）其他处理', code: 'other.feeUnpaid', label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { group: '（六）其他处理', code: 'other.other', label: '3.其他' },
] as const;
export type DisclosureOutcome = (typeof outcomeRows)[number]['code'];

/** 「不予公开：属于国家秘密」: one list of the 21 answers for a select. */
export const outcomeOptions = outcomeRows.map((row) => ({
  value: row.code,
  label: row.group ? `${row.group.replace(/（.）/, '')}：${row.label.replace(/^\d+\./, '')}` : row.label.replace(/^（.）/, '').replace(/（.*）$/, ''),
}));

export type ApplicationChannel = 'in_person' | 'post' | 'online' | 'fax';
export const channelLabels: Record<ApplicationChannel, string> = { in_person: '当面提交', post: '信函（邮寄）', online: '网络（在线申请）', fax: '传真' };

/** 申请人情况 as table 三 of the annual report counts it. */
export const applicantTypeLabels: Record<(typeof applicantTypes)[number], string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  publicInterest: '社会公益组织',
  legalService: '法律服务机构',
  other: '其他法人或组织',
};

export const deliveryLabels = { in_person: '当面领取', post: '邮寄', email: '电子邮件', online: '网上获取', on_site: '当场阅读、抄录' } as const;

export type ProceedingType = 'review' | 'litigationDirect' | 'litigationAfterReview';
export type ProceedingResult = 'upheld' | 'corrected' | 'other';
export const proceedingTypeLabels: Record<ProceedingType, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
};
export const proceedingResultLabels: Record<ProceedingResult, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果' };
