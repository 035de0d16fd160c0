/** 登记 or 修改 a 主动公开 entry: what, under which heading, where, when; decisions or an amount where the heading asks. */
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { toPickerValue, officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import {
  decisionCategories,
  PublishedCategory,
  PublishedChannel,
  type PublishedItemView,
} from '../../../../common/schemas/disclosure.js';
import { requiredRule } from '../../app/form-rules.js';
import { emptyToNull } from '../../app/format.js';
import { isConflict, notifySuccess } from '../../app/request.js';
import { useCan } from '../../app/current-user.js';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.js';
import { useCreatePublished, useUpdatePublished } from './api.js';

type Values = {
  title: string;
  category: PublishedCategory;
  channels: PublishedChannel[];
  publishedOn: Dayjs;
  documentNumber?: string;
  decisionCount?: number | null;
  feeAmount?: number | null;
  note?: string;
  unitId?: string | null;
};

export const PublishedModal = ({ item, canPickUnit, onClose }: { item?: PublishedItemView; canPickUnit: boolean; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const create = useCreatePublished();
  const update = useUpdatePublished();
  const category = Form.useWatch('category', form);
  const canReadUnits = useCan('org.read');

  const submit = (values: Values) => {
    const fields = {
      title: values.title.trim(),
      category: values.category,
      channels: values.channels,
      publishedOn: values.publishedOn.format('YYYY-MM-DD'),
      ...(emptyToNull(values.documentNumber) ? { documentNumber: values.documentNumber!.trim() } : {}),
      ...(decisionCategories.includes(values.category) && values.decisionCount ? { decisionCount: values.decisionCount } : {}),
      ...(values.category === '行政事业性收费' && values.feeAmount !== undefined && values.feeAmount !== null ? { feeAmount: values.feeAmount } : {}),
      ...(emptyToNull(values.note) ? { note: values.note!.trim() } : {}),
    };
    const done = { onSuccess: () => (notifySuccess(item ? '已保存' : '已登记'), onClose()), onError: (error: unknown) => isConflict(error) && onClose() };
    if (item) update.mutate({ id: item.id, input: { ...fields, version: item.version } }, done);
    else create.mutate({ ...fields, ...(values.unitId ? { unitId: values.unitId } : {}) }, done);
  };

  return (
    <Modal
      open
      title={item ? '修改主动公开事项' : '登记主动公开事项'}
      okText={item ? '保存' : '登记'}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending || update.isPending}
      mask={{ closable: false }}
      width={640}
    >
      <Form<Values>
        form={form}
        name="published-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        initialValues={
          item
            ? { ...item, publishedOn: toPickerValue(item.publishedOn), documentNumber: item.documentNumber ?? undefined, note: item.note ?? undefined }
            : { publishedOn: officeNow(), channels: ['政府网站'], category: '其他' }
        }
      >
        <Form.Item label="公开事项名称" name="title" rules={[requiredRule('请填写公开事项名称'), { max: 200, message: '名称不能超过200字' }]}>
          <Input maxLength={200} placeholder="如：示例市城市管理办法" />
        </Form.Item>
        <Form.Item label="类别" name="category" rules={[{ required: true, message: '请选择类别' }]} extra="前六类按《条例》第二十条计入年度报告表二；其余选“其他”。">
          <Select options={PublishedCategory.options.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item label="公开渠道" name="channels" rules={[{ required: true, message: '请至少选择一个公开渠道' }]}>
          <Select mode="multiple" options={PublishedChannel.options.map((value) => ({ value, label: value }))} />
        </Form.Item>
        <Form.Item label="公开日期" name="publishedOn" rules={[{ required: true, message: '请选择公开日期' }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="文号" name="documentNumber">
          <Input maxLength={60} placeholder="如有" />
        </Form.Item>
        {category && decisionCategories.includes(category) && (
          <Form.Item label="决定数量" name="decisionCount" extra="本条登记一并公开的处理决定件数，不填按1件计。">
            <InputNumber min={1} max={100000} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
        {category === '行政事业性收费' && (
          <Form.Item label="收费金额（万元）" name="feeAmount" rules={[{ required: true, message: '请填写收费金额（万元）' }]}>
            <InputNumber min={0} max={99999999} precision={4} style={{ width: 200 }} />
          </Form.Item>
        )}
        {!item && canPickUnit && canReadUnits && (
          <Form.Item label="公开单位" name="unitId" extra="不选则为本人所在单位。">
            <UnitTreeSelect allowClear />
          </Form.Item>
        )}
        <Form.Item label="备注" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
