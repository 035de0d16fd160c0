/** The columns of a session's 建议/提案 list (选联工委 / 提案委 Excel) and the header names they come under. */
import { registerColumns, type HeaderAliases } from '../../../platform/registers/columns.js';
import { proposalFieldLabels, proposalImportFields, type ProposalImportField } from '../../../../../common/schemas/proposal.js';

export const requiredProposalFields: readonly ProposalImportField[] = ['number', 'title', 'leadName'];

export const proposalHeaderAliases: HeaderAliases<ProposalImportField> = {
  number: ['建议号', '提案号', '建议编号', '提案编号', '案号', '编号', '序号'],
  title: ['建议标题', '提案标题', '案由', '标题', '题目', '名称'],
  leadName: ['领衔代表', '第一提案人', '提案人', '领衔人', '代表姓名', '代表', '提出人'],
  cosigners: ['附议代表', '附议人', '联名委员', '联名人', '联名提案人', '附议', '联名'],
  group: ['代表团', '所在代表团', '界别', '所属界别', '组别'],
  category: ['建议类别', '提案类别', '分类', '类别'],
  content: ['建议内容', '提案内容', '主要内容', '内容'],
  isKey: ['重点建议', '重点提案', '是否重点', '重点'],
  keyLeader: ['领办领导', '领办市领导', '领办县领导', '领办'],
  phone: ['联系电话', '手机', '电话'],
};

export type ProposalColumnMapping = Record<ProposalImportField, number | null>;

export const { emptyMapping, suggestMapping, resolveMapping } = registerColumns({ fields: proposalImportFields, labels: proposalFieldLabels, aliases: proposalHeaderAliases });
