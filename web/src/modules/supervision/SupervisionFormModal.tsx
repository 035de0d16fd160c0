/**
 * 立项: a 督办 item from any source — what, by whom (牵头单位, 责任单位), by when (完成时限 or 长期坚持),
 * how often the lead unit reports (调度), its nodes (时间节点), and for a 民生实事 its target and measure.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Form, Input, InputNumber, Modal, Radio, Select, TreeSelect } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { reportCycleLabels, supervisionSources, type ReportCycle, type SupervisionSource } from '../../../../common/schemas/supervision.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { buildUnitTree, type UnitNode, useUnits } from '../admin/units/api.js';
import { useCreateSupervisionItem } from './api.js';

type Values = {
  source: SupervisionSource;
  title: string;
  measures: string;
  leadUnitId: string;
  helperUnitIds?: string[];
  openedOn: Dayjs;
  deadline?: Dayjs;
  isOngoing?: boolean;
  reportCycle: ReportCycle;
  milestones?: Array<{ label: string; due: Dayjs }>;
  target?: number;
  measure?: string;
};

type TreeOption = { value: string; title: string; search: string; disabled?: boolean; children?: TreeOption[] };
/** Units by full name with their short name (市发改委), found by either or by code. */
const toOptions = (nodes: UnitNode[]): TreeOption[] =>
  nodes.map((node) => ({
    value: node.id,
    title: node.shortName ? `${node.name}（${node.shortName}）` : node.name,
    search: `${node.name} ${node.shortName ?? ''} ${node.code}`,
    disabled: !node.isActive,
    children: node.children ? toOptions(node.children) : undefined,
  }));

const day = (value: Dayjs) => value.format('YYYY-MM-DD');

export const SupervisionFormModal = ({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) => {
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form);
  const isOngoing = Form.useWatch('isOngoing', form);
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units)), [units]);
  const create = useCreateSupervisionItem();

  const submit = (values: Values) =>
    create.mutate(
      {
        source: values.source,
        title: values.title.trim(),
        measures: values.measures.trim(),
        leadUnitId: values.leadUnitId,
        helperUnitIds: values.helperUnitIds ?? [],
        openedOn: day(values.openedOn),
        ...(values.isOngoing || !values.deadline ? {} : { deadline: day(values.deadline) }),
        isOngoing: values.isOngoing ?? false,
        reportCycle: values.reportCycle,
        milestones: (values.milestones ?? []).map((milestone) => ({ label: milestone.label.trim(), due: day(milestone.due) })),
        ...(values.source === '民生实事' && values.target ? { livelihood: { target: values.target, measure: (values.measure ?? '').trim() } } : {}),
      },
      {
        onSuccess: (created) => {
          notifySuccess(`已立项，编号 ${created.serialNo}`);
          onCreated(created.id);
        },
      },
    );

  const unitPicker = (multiple: boolean) => (
    <TreeSelect treeData={treeData} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'search' }} loading={isPending} multiple={multiple} style={{ width: '100%' }} />
  );

  return (
    <Modal open title="督办事项立项" okText="立项" onOk={() => form.submit()} onCancel={onClose} confirmLoading={create.isPending} mask={{ closable: false }} width={720}>
      <Form<Values>
        form={form}
        name="supervision-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        initialValues={{ source: '领导批示', openedOn: officeNow(), reportCycle: 'monthly', isOngoing: false }}
      >
        <Form.Item label="立项来源" name="source" rules={[{ required: true, message: '请选择立项来源' }]}>
          <Select options={supervisionSources.map((value) => ({ value, label: value }))} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item label="督办事项" name="title" rules={[requiredRule('请填写督办事项'), { min: 2, message: '请填写督办事项' }]}>
          <Input maxLength={200} showCount />
        </Form.Item>
        <Form.Item label="具体措施或目标" name="measures" rules={[requiredRule('请填写具体措施或目标'), { min: 2, message: '请填写具体措施或目标' }]}>
          <Input.TextArea rows={4} maxLength={4000} showCount />
        </Form.Item>
        {source === '民生实事' && (
          <Flex gap={16}>
            <Form.Item label="目标数量" name="target" rules={[{ required: true, message: '请填写目标数量' }]} extra="如新建 12 所幼儿园：填 12">
              <InputNumber min={0.01} max={1e9} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item label="计量单位" name="measure" rules={[requiredRule('请填写计量单位')]} extra="所、个、公里……">
              <Input maxLength={10} style={{ width: 140 }} />
            </Form.Item>
          </Flex>
        )}
        <Form.Item label="牵头单位" name="leadUnitId" rules={[{ required: true, message: '请选择牵头单位' }]}>
          {unitPicker(false)}
        </Form.Item>
        <Form.Item label="责任单位" name="helperUnitIds" extra="配合落实的单位，可不选">
          {unitPicker(true)}
        </Form.Item>
        <Flex gap={16} wrap>
          <Form.Item label="立项日期" name="openedOn" rules={[{ required: true, message: '请选择立项日期' }]}>
            <DatePicker style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label="完成时限" name="deadline" rules={[{ required: !isOngoing, message: '请选择完成时限，或勾选长期坚持' }]}>
            <DatePicker style={{ width: 180 }} disabled={isOngoing} />
          </Form.Item>
          <Form.Item label=" " name="isOngoing" valuePropName="checked">
            <Checkbox>长期坚持</Checkbox>
          </Form.Item>
        </Flex>
        <Form.Item label="调度方式" name="reportCycle" rules={[{ required: true, message: '请选择调度方式' }]} extra="牵头单位每期报送工作进展；逾期未报送亮黄灯，超过 10 天或连续两期未报送亮红灯">
          <Radio.Group optionType="button" options={Object.entries(reportCycleLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.List name="milestones">
          {(fields, { add, remove }) => (
            <Form.Item label="时间节点" extra="节点按时间先后编号；节点逾期未完成亮黄灯，超过 10 天亮红灯">
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'label']} rules={[requiredRule('请填写节点内容')]} style={{ flex: 1 }}>
                    <Input placeholder="节点内容，如：完成选址" maxLength={100} aria-label="节点内容" />
                  </Form.Item>
                  <Form.Item name={[field.name, 'due']} rules={[{ required: true, message: '请选择节点时间' }]}>
                    <DatePicker placeholder="节点时间" aria-label="节点时间" />
                  </Form.Item>
                  <MinusCircleOutlined aria-label="删除节点" onClick={() => remove(field.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()}>
                添加节点
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
};
