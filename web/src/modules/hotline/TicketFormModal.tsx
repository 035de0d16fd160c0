/**
 * 登记工单: the agent types while the caller talks — the name first (focused), then the phone, what they
 * ask and where; channel, type and urgency are pre-set to the usual (电话, 投诉, 一般) and change by arrow
 * keys; the category is searched by typing (「路灯」 finds 城市管理/路灯照明). A 咨询 answered on the spot
 * is then 直接办结 on the ticket's page.
 */
import { Card, Cascader, Flex, Form, Input, Radio, Select, Typography } from 'antd';
import { useDeferredValue } from 'react';
import { hotlineChannels, ticketTypes, ticketUrgencies, type HotlineChannel, type TicketType, type TicketUrgency } from '../../../../common/schemas/hotline.js';
import { emptyToNull } from '../../app/format.js';
import { requiredRule } from '../../app/form-rules.js';
import { CreateCaseModal } from '../cases/CreateCaseModal.js';
import type { CreateFormProps } from '../cases/kind-views.js';
import { useAreas, useCategoryTree, useKnowledgeAnswers } from './api.js';

type Values = {
  channel: HotlineChannel;
  ticketType: TicketType;
  urgency: TicketUrgency;
  callerName: string;
  callerPhone?: string;
  content: string;
  category: string[];
  area?: string;
  address?: string;
};

const optional = (value: string | undefined) => emptyToNull(value) ?? undefined;

/** 知识库 beside the typing: the answers valid today for what the caller asks, to answer a 咨询 on the spot. */
const KnowledgePanel = ({ content, category }: { content: string; category: string | undefined }) => {
  const { data: answers = [] } = useKnowledgeAnswers(useDeferredValue(content), category);
  if (answers.length === 0) return null;
  return (
    <Card size="small" title="知识库参考" style={{ marginBottom: 16 }} role="region" aria-label="知识库参考">
      <Flex vertical gap={8}>
        {answers.map((answer) => (
          <div key={answer.id}>
            <Typography.Text strong>{answer.question}</Typography.Text>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{answer.answer}</Typography.Paragraph>
            {answer.validTo && <Typography.Text type="secondary">有效期至 {answer.validTo}</Typography.Text>}
          </div>
        ))}
      </Flex>
    </Card>
  );
};

export const TicketFormModal = (props: CreateFormProps) => {
  const [form] = Form.useForm<Values>();
  const { data: tree = [] } = useCategoryTree();
  const { data: areas = [] } = useAreas();
  const content = Form.useWatch('content', form) ?? '';
  const chosen = Form.useWatch('category', form);
  const toFields = (values: Values) => ({
    channel: values.channel,
    ticketType: values.ticketType,
    urgency: values.urgency,
    callerName: values.callerName.trim(),
    callerPhone: optional(values.callerPhone),
    content: values.content.trim(),
    category: values.category.join('/'),
    area: optional(values.area),
    address: optional(values.address),
  });
  const buttons = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return (
    <CreateCaseModal<Values> {...props} form={form} title="登记工单" name="ticket-form" width={720} initialValues={{ channel: '电话', ticketType: '投诉', urgency: '一般' }} toFields={toFields}>
      <Form.Item label="来电人" name="callerName" rules={[requiredRule('请填写来电人姓名'), { max: 30, message: '不超过 30 字' }]} extra="不愿透露的填“匿名”">
        <Input maxLength={30} autoFocus />
      </Form.Item>
      <Form.Item label="联系电话" name="callerPhone">
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item label="来源渠道" name="channel" rules={[{ required: true, message: '请选择来源渠道' }]}>
        <Radio.Group optionType="button" options={buttons(hotlineChannels)} />
      </Form.Item>
      <Form.Item label="诉求类型" name="ticketType" rules={[{ required: true, message: '请选择诉求类型' }]}>
        <Radio.Group optionType="button" options={buttons(ticketTypes)} />
      </Form.Item>
      <Form.Item label="紧急程度" name="urgency" extra="应急类签收当日办结">
        <Radio.Group optionType="button" options={buttons(ticketUrgencies)} />
      </Form.Item>
      <Form.Item label="诉求内容" name="content" rules={[requiredRule('请填写诉求内容'), { min: 2, message: '请填写诉求内容' }]}>
        <Input.TextArea rows={4} maxLength={4000} showCount />
      </Form.Item>
      <KnowledgePanel content={content} category={chosen?.length === 2 ? chosen.join('/') : undefined} />
      <Form.Item label="诉求分类" name="category" rules={[{ required: true, message: '请选择二级分类' }]} extra="可直接输入关键字查找">
        <Cascader
          showSearch={{ filter: (input, path) => path.some((option) => String(option.label).includes(input)) }}
          options={tree.map((node) => ({ value: node.name, label: node.name, children: node.children.map((child) => ({ value: child, label: child })) }))}
          placeholder="一级 / 二级"
        />
      </Form.Item>
      <Form.Item label="所属街乡" name="area">
        <Select allowClear showSearch placeholder="事发地所在的乡镇、街道" options={areas.map((area) => ({ value: area.name, label: area.name }))} />
      </Form.Item>
      <Form.Item label="事发地址" name="address">
        <Input maxLength={200} />
      </Form.Item>
    </CreateCaseModal>
  );
};
