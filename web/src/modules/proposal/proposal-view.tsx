/**
 * 建议提案 on the case page: the registration, each round's answers (class, contacts, 答复函), the deputy's
 * 征询意见表, and — for the office once the item is answered — the one-time survey link to send the deputy.
 */
import { Button, Descriptions, Flex, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail } from '../../../../common/schemas/cases.js';
import { answerClassLabels, bodyLabels, surveyRatingLabels, type AnswerClass, type ProposalBody, type SurveyRating } from '../../../../common/schemas/proposal.js';
import { useCan } from '../../app/current-user.js';
import { Section } from '../cases/Section.js';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { RegisterImportButton } from '../register-import/RegisterImportPage.js';
import { proposalImportPath, useSurveyLink } from './api.js';
import { ProposalFormModal } from './ProposalFormModal.js';

type Answer = { unitId: string; unitName: string; round: number; on: string; answerClass: AnswerClass; isPublishable: boolean; contacts: Array<{ method: string; people: number }>; text: string; letter: Array<{ name: string }>; promiseYear?: number };
type Survey = { round: number; on: string; attitude: SurveyRating; onPoint: SurveyRating; result: SurveyRating; overall: SurveyRating; comment?: string };

const fields: readonly FieldView[] = [
  { name: 'body', label: '类型', render: (value) => bodyLabels[value as ProposalBody] },
  { name: 'term', label: '届次', render: (value, detail) => `${String(value)}${String(detail.fields.session)}次会议` },
  { name: 'number', label: '编号' },
  { name: 'leadName', label: '领衔代表/提案人' },
  { name: 'cosigners', label: '附议/联名', render: (value) => ((value as string[]).length > 0 ? (value as string[]).join('、') : '—') },
  { name: 'group', label: '代表团/界别' },
  { name: 'category', label: '类别' },
  { name: 'isKey', label: '重点', render: (value, detail) => (value ? <Tag color="red">重点{detail.fields.keyLeaderName ? `（${String(detail.fields.keyLeaderName)}领办）` : ''}</Tag> : '否') },
  { name: 'receivedOn', label: '收到日期' },
  { name: 'meetingOn', label: '交办会' },
  { name: 'content', label: '内容', isLong: true },
];

const SurveyLinkButton = ({ detail }: { detail: CaseDetail }) => {
  const link = useSurveyLink();
  const [url, setUrl] = useState<string | null>(null);
  return (
    <Flex vertical gap={8}>
      <Button type="primary" loading={link.isPending} onClick={() => link.mutate(detail.id, { onSuccess: (made) => setUrl(`${window.location.origin}${made.path}`) })}>
        生成征询意见表链接
      </Button>
      {url && (
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={url} aria-label="征询意见表链接" data-testid="survey-link" />
          <Button onClick={() => void navigator.clipboard?.writeText(url)}>复制</Button>
        </Space.Compact>
      )}
      {url && <Typography.Text type="secondary">链接只显示这一次，30 天内有效、只能提交一次；请发送给代表（委员）本人。</Typography.Text>}
    </Flex>
  );
};

const Sections = ({ detail }: { detail: CaseDetail }) => {
  const answers = (detail.fields.answers ?? []) as Answer[];
  const surveys = (detail.fields.surveys ?? []) as Survey[];
  const canManage = useCan('proposal.manage');
  const round = Number(detail.fields.round ?? 1);
  const needsLink = detail.state === 'answered' && !surveys.some((survey) => survey.round === round);
  return (
    <>
      {answers.length > 0 && (
        <Section title="答复">
          {answers.map((answer) => (
            <Descriptions key={`${answer.round}-${answer.unitName}`} size="small" column={1} bordered style={{ marginBottom: 12 }} title={`${answer.round > 1 ? '重新办理答复' : '答复'} · ${answer.unitName} · ${answer.on}`}>
              <Descriptions.Item label="办理结果">
                <Tag color={answer.answerClass === 'A' ? 'green' : 'blue'} data-testid="answer-class">{answerClassLabels[answer.answerClass]}</Tag>
                {answer.promiseYear && <Typography.Text type="secondary">承诺 {answer.promiseYear} 年解决</Typography.Text>}
              </Descriptions.Item>
              <Descriptions.Item label="是否公开">{answer.isPublishable ? '可以公开' : '不予公开'}</Descriptions.Item>
              <Descriptions.Item label="联系方式">{answer.contacts.length > 0 ? answer.contacts.map((contact) => `${contact.method} ${contact.people} 人次`).join('、') : '—'}</Descriptions.Item>
              <Descriptions.Item label="答复内容"><span style={{ whiteSpace: 'pre-wrap' }}>{answer.text}</span></Descriptions.Item>
              <Descriptions.Item label="答复函">
                {answer.letter.length > 0 && <span>{answer.letter.map((file) => file.name).join('、')}；</span>}
                <Typography.Link href={`/api/proposals/${detail.id}/answer-letter.docx?round=${answer.round}&unitId=${answer.unitId}`} download>
                  按信函格式生成（Word）
                </Typography.Link>
              </Descriptions.Item>
            </Descriptions>
          ))}
        </Section>
      )}
      {(surveys.length > 0 || (needsLink && canManage)) && (
        <Section title="征询意见">
          {surveys.map((survey) => (
            <Typography.Paragraph key={survey.round} data-testid={`survey-round-${survey.round}`}>
              第 {survey.round} 轮（{survey.on}）：态度 {surveyRatingLabels[survey.attitude]}，针对性 {surveyRatingLabels[survey.onPoint]}，结果 {surveyRatingLabels[survey.result]} —{' '}
              <Tag color={survey.overall === 'unsatisfied' ? 'red' : 'green'}>{surveyRatingLabels[survey.overall]}</Tag>
              {survey.comment && <Typography.Text type="secondary">「{survey.comment}」</Typography.Text>}
            </Typography.Paragraph>
          ))}
          {needsLink && canManage && <SurveyLinkButton detail={detail} />}
        </Section>
      )}
    </>
  );
};

export const proposalUi: KindUi = {
  fields,
  CreateForm: ProposalFormModal,
  Sections,
  assignmentsTitle: '承办单位',
  assignmentRoleLabels: { lead: '主办', assist: '协办', consult: '会办' },
  LedgerExtra: () => <RegisterImportButton noun="建议提案" label="导入名单" path={proposalImportPath} />,
};
