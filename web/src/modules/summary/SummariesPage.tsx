/**
 * 工作总结: the drafts made so far, and a new one from a template for a year (or half-year, or month) and,
 * if asked, one unit. The draft's numbers are the metrics'; the office writes the sentences around them.
 */
import { Button, Flex, Form, Modal, Radio, Select, Table, Typography } from 'antd';
import { formatDateTime, officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { SummaryListItem, TemplateView } from '../../../../common/schemas/summary.js';
import { useCan } from '../../app/current-user.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.js';
import { useCreateSummary, useSummaries, useSummaryTemplates } from './api.js';
import { rangeOf } from './period.js';

type Values = { templateKey: string; at: Dayjs; half?: 1 | 2; unitId?: string | null };

const NewSummaryModal = ({ templates, onClose }: { templates: TemplateView[]; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = useCreateSummary();
  const templateKey = Form.useWatch('templateKey', form);
  const template = templates.find((candidate) => candidate.key === templateKey);
  const submit = (values: Values) => {
    const chosen = templates.find((candidate) => candidate.key === values.templateKey)!;
    create.mutate(
      { templateKey: chosen.key, ...rangeOf(chosen.periodKind, values.at, values.half), unitId: values.unitId ?? null },
      {
        onSuccess: (summary) => {
          notifySuccess(`已生成“${summary.title}”`);
          void navigate(`/summaries/${summary.id}`);
        },
      },
    );
  };
  return (
    <Modal open title="生成总结草稿" okText="生成" onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} mask={{ closable: false }}>
      <Typography.Paragraph type="secondary">草稿中的每个数字都由系统根据记录统计，并可点开查看明细；没有数据的指标留出【待补充】，不会填 0。</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ templateKey: (templates.find((candidate) => candidate.isDefault && candidate.periodKind === 'year') ?? templates[0])?.key, at: officeNow(), half: officeNow().month() < 6 ? 1 : 2 }}>
        <Form.Item label="模板" name="templateKey" rules={[{ required: true, message: '请选择模板' }]}>
          <Select options={templates.map((candidate) => ({ value: candidate.key, label: `${candidate.name}${candidate.isBuiltIn ? '' : '（本办）'}${candidate.isDefault ? '（默认）' : ''}` }))} />
        </Form.Item>
        <Form.Item label={template?.periodKind === 'month' ? '月份' : '年份'} name="at" rules={[{ required: true, message: '请选择期间' }]}>
          <DatePicker picker={template?.periodKind === 'month' ? 'month' : 'year'} allowClear={false} disabledDate={(date) => date.year() > officeNow().year()} />
        </Form.Item>
        {template?.periodKind === 'half' && (
          <Form.Item label="半年" name="half">
            <Radio.Group options={[{ value: 1, label: '上半年' }, { value: 2, label: '下半年' }]} optionType="button" />
          </Form.Item>
        )}
        <Form.Item label="单位（不选为全办）" name="unitId">
          <UnitTreeSelect isFilter allowClear placeholder="全办" aria-label="单位（不选为全办）" />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const SummariesPage = () => {
  const { data: summaries = [], isPending } = useSummaries();
  const { data: templates = [] } = useSummaryTemplates();
  const mayWrite = useCan('summary.write');
  const [isCreating, setCreating] = useState(false);
  return (
    <PageContainer
      title="工作总结"
      extra={
        <Flex gap={8}>
          <Link to="/summaries/templates">
            <Button>总结模板</Button>
          </Link>
          {mayWrite && (
            <Button type="primary" onClick={() => setCreating(true)} disabled={templates.length === 0}>
              生成总结草稿
            </Button>
          )}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">年度工作总结、半年总结和月度工作简报：按模板从数据统计中取数成稿，文字可自由修改，数字始终与记录关联。</Typography.Paragraph>
      <Table<SummaryListItem>
        rowKey="id"
        loading={isPending}
        dataSource={summaries}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // On a phone the columns would share 390 px and break the title a character a line: the row scrolls instead.
        scroll={{ x: 940 }}
        locale={{ emptyText: mayWrite ? '还没有总结草稿：点右上角「生成总结草稿」，选好模板和期间即可成稿' : '还没有总结草稿' }}
        columns={[
          { title: '标题', dataIndex: 'title', key: 'title', width: 260, render: (title: string, item) => <Link to={`/summaries/${item.id}`}>{title}</Link> },
          { title: '模板', dataIndex: 'templateName', key: 'templateName', width: 220 },
          { title: '期间', key: 'period', width: 220, render: (_value, item) => `${item.from} 至 ${item.to}` },
          { title: '版本', dataIndex: 'version', key: 'version', width: 70 },
          { title: '修改时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: formatDateTime },
        ]}
      />
      {isCreating && <NewSummaryModal templates={templates} onClose={() => setCreating(false)} />}
    </PageContainer>
  );
};
