/**
 * The deputy's 征询意见表 (/survey/:token): opened from the one-time link on a phone, with no account. It
 * shows the item and its answer, asks the three questions, and sends once. A used, expired or unknown
 * link reads the same: 链接无效.
 */
import { Alert, Button, Card, Flex, Input, Radio, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { answerClassLabels, surveyQuestions, surveyRatingLabels, type SurveyAnswer, type SurveyRating } from '../../../../common/schemas/proposal.js';
import { usePublicSurvey, useSubmitSurvey } from './api.js';
import { officeDateOf } from '../../app/time.js';

const ratings = Object.entries(surveyRatingLabels) as Array<[SurveyRating, string]>;

export const SurveyPage = () => {
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const submit = useSubmitSurvey(token);
  const [answer, setAnswer] = useState<Partial<SurveyAnswer>>({});
  const complete = answer.attitude && answer.onPoint && answer.result;
  const shell = (children: React.ReactNode) => (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 12 }}>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>
        建议提案办理情况征询意见表
      </Typography.Title>
      {children}
    </div>
  );
  if (survey.isPending) return shell(<Flex justify="center"><Spin /></Flex>);
  if (survey.isError) return shell(<Result status="warning" title="链接无效" subTitle="征询意见表链接无效、已经使用或已过期。如需反馈意见，请联系交办机关。" />);
  if (submit.isSuccess) return shell(<Result status="success" title="感谢您的反馈" subTitle={submit.data.overall === 'unsatisfied' ? '您的意见已送交办机关，将安排承办单位重新办理。' : '您的意见已送交办机关。'} />);
  const view = survey.data;
  return shell(
    <Flex vertical gap={12}>
      <Card size="small" title={`${view.bodyLabel} 第 ${view.number} 号${view.round > 1 ? '（重新办理）' : ''}`}>
        <Typography.Paragraph strong>{view.title}</Typography.Paragraph>
        <Typography.Paragraph type="secondary">承办单位：{view.unitNames.join('、')}</Typography.Paragraph>
        {view.answerClass && <Tag color="blue">{answerClassLabels[view.answerClass]}</Tag>}
        {view.answerText && <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8 }}>{view.answerText}</Typography.Paragraph>}
      </Card>
      {(Object.entries(surveyQuestions) as Array<[keyof typeof surveyQuestions, string]>).map(([key, label]) => (
        <Card size="small" key={key} title={label}>
          <Radio.Group
            aria-label={label}
            value={answer[key]}
            onChange={(event) => setAnswer({ ...answer, [key]: event.target.value as SurveyRating })}
            options={ratings.map(([value, text]) => ({ value, label: text }))}
            optionType="button"
            buttonStyle="solid"
          />
        </Card>
      ))}
      <Input.TextArea aria-label="意见和建议" placeholder="意见和建议（可不填）" maxLength={1000} rows={3} value={answer.comment ?? ''} onChange={(event) => setAnswer({ ...answer, comment: event.target.value })} />
      {submit.isError && <Alert type="error" showIcon title={submit.error instanceof Error ? submit.error.message : '提交失败'} />}
      <Button type="primary" size="large" block disabled={!complete} loading={submit.isPending} onClick={() => submit.mutate({ attitude: answer.attitude!, onPoint: answer.onPoint!, result: answer.result!, ...(answer.comment ? { comment: answer.comment } : {}) })}>
        提交
      </Button>
      <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
        本链接只能提交一次，{officeDateOf(view.expiresAt)} 前有效。
      </Typography.Text>
    </Flex>,
  );
};
