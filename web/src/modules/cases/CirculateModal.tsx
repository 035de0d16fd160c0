/** 发起传阅: to people (leaders first) and units, with the purpose the readers will see. */
import { AutoComplete, Form, Modal, Select, Typography } from 'antd';
import { useMemo } from 'react';
import type { CaseDetail, CirculateInput } from '../../../../common/schemas/cases.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { personLabel, useColleagues } from '../work/api.js';
import { useCirculate, useLeaders } from './api.js';
import { UnitAssignTree } from './UnitAssignInput.js';

type Values = { userIds?: string[]; unitIds?: string[]; purpose: string };

const purposes = ['请阅知', '请阅示', '请研提意见', '请按职责抓好落实', '请阅知并转告相关人员'];

export const CirculateModal = ({ detail, onClose }: { detail: CaseDetail; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const circulate = useCirculate();
  const { data: leaders = [] } = useLeaders();
  const { data: colleagues = [], isPending } = useColleagues();
  // Leaders first, then everyone else once; each shown with their unit (同名 people differ by unit).
  const people = useMemo(() => {
    const leaderIds = new Set(leaders.map((person) => person.id));
    return [
      { label: '政府领导', options: leaders.map((person) => ({ value: person.id, label: personLabel(person) })) },
      {
        label: '其他人员',
        options: colleagues
          .filter((person) => !leaderIds.has(person.id))
          .map((person) => ({ value: person.id, label: `${personLabel(person)} · ${person.unitName}` })),
      },
    ];
  }, [leaders, colleagues]);

  const submit = (values: Values) => {
    const input: CirculateInput = {
      recipients: [...(values.userIds ?? []).map((userId) => ({ userId })), ...(values.unitIds ?? []).map((unitId) => ({ unitId }))],
      purpose: values.purpose.trim(),
    };
    circulate.mutate(
      { caseId: detail.id, input },
      {
        onSuccess: ({ circulated }) => {
          notifySuccess(`已传阅 ${circulated} 处`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title="发起传阅"
      okText="传阅"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={circulate.isPending}
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {detail.serialNo} · {detail.title}
      </Typography.Paragraph>
      <Form<Values> form={form} name="circulate-form" layout="vertical" onFinish={submit} initialValues={{ purpose: '请阅知' }}>
        <Form.Item
          label="传阅人员"
          name="userIds"
          dependencies={['unitIds']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string[] | undefined) => {
                if (!value?.length && !(getFieldValue('unitIds') as string[] | undefined)?.length) throw new Error('请选择传阅人员或传阅单位');
              },
            }),
          ]}
        >
          <Select mode="multiple" allowClear loading={isPending} placeholder="选择领导或其他人员" options={people} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label="传阅单位" name="unitIds" extra="单位的联络员收到待阅，任一联络员阅知即为该单位已阅">
          <UnitAssignTree placeholder="选择单位（可多选）" />
        </Form.Item>
        <Form.Item label="传阅目的" name="purpose" rules={[requiredRule('请写明传阅目的'), { min: 2, message: '请写明传阅目的（如：请阅知、请研提意见）' }]}>
          <AutoComplete options={purposes.map((value) => ({ value }))} maxLength={200} placeholder="如：请阅知、请研提意见" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
