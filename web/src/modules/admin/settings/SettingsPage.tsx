/** 系统配置: each setting with its bounds and default, saved one at a time with the version read. */
import { Button, InputNumber, Skeleton, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import type { SettingView } from '../../../../../common/schemas/system.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { useSaveSetting, useSettings } from './api.js';

/** One row's editor: the typed value stays until saved; a new version from the server resets it. */
const SettingEditor = ({ setting }: { setting: SettingView }) => {
  const [value, setValue] = useState<number | null>(setting.value);
  const save = useSaveSetting();
  const isChanged = value !== null && value !== setting.value;
  return (
    <Space>
      <InputNumber
        aria-label={setting.label}
        precision={0}
        min={setting.min}
        max={setting.max}
        value={value}
        onChange={setValue}
        style={{ width: 110 }}
      />
      <Button
        type="primary"
        size="small"
        disabled={!isChanged}
        loading={save.isPending}
        onClick={() =>
          value !== null &&
          save.mutate({ key: setting.key, value, version: setting.version }, { onSuccess: () => notifySuccess(`已保存：${setting.label}`) })
        }
      >
        保存
      </Button>
    </Space>
  );
};

const columns: TableColumnsType<SettingView> = [
  { title: '配置项', dataIndex: 'label', key: 'label' },
  { title: '取值范围', key: 'range', width: 120, render: (_value, setting) => `${setting.min}–${setting.max}` },
  { title: '默认值', dataIndex: 'defaultValue', key: 'defaultValue', width: 90 },
  {
    title: '当前值',
    key: 'value',
    width: 230,
    render: (_value, setting) => <SettingEditor key={`${setting.key}:${setting.version}`} setting={setting} />,
  },
];

export const SettingsPage = () => {
  const { data, isPending } = useSettings();
  return (
    <PageContainer title="系统配置">
      <Typography.Paragraph type="secondary">
        每项配置单独保存，取值须在范围之内；每次修改都记入审计日志。
      </Typography.Paragraph>
      {isPending ? (
        <Skeleton active />
      ) : (
        <Table<SettingView> rowKey="key" size="middle" columns={columns} dataSource={data} pagination={false} scroll={{ x: 640 }} />
      )}
    </PageContainer>
  );
};
