/**
 * 插入数字: the metric catalogue (GET /api/metrics) searched by Chinese label or section, the form chosen
 * (数值, 纯数字, 同比, 上年同期, 分项 — the token grammar's), and the token put where the caret was.
 */
import { Button, Flex, Input, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { type SummaryTokenKind, tokenKindLabels, tokenText } from '../../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../../common/schemas/metrics.js';
import { summaryTokenKinds } from '../../../../../common/schemas/summary.js';

const originTags: Record<MetricDefinitionView['origin'], { text: string; color: string } | null> = {
  computed: null,
  entered: { text: '录入', color: 'gold' },
  notConnected: { text: '未接入', color: 'default' },
};

export const MetricPicker = ({ catalogue, onPick, onClose }: { catalogue: readonly MetricDefinitionView[]; onPick: (token: string, definition: MetricDefinitionView) => void; onClose: () => void }) => {
  const [search, setSearch] = useState('');
  const [section, setSection] = useState<string | null>(null);
  const [kind, setKind] = useState<SummaryTokenKind>('值');
  const sections = useMemo(() => [...new Set(catalogue.map((definition) => definition.section))], [catalogue]);
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = catalogue.filter(
    (definition) =>
      (!section || definition.section === section) &&
      words.every((word) => `${definition.section} ${definition.label} ${definition.id}`.toLowerCase().includes(word)),
  );
  return (
    <Modal open title="插入数字" footer={null} onCancel={onClose} width={760} destroyOnHidden focusable={{ focusTriggerAfterClose: false }}>
      <Typography.Paragraph type="secondary">
        数字由系统按记录统计，插入后显示为标签，保存后随记录变化自动更新；点击标签可查看明细。没有数据时留出【待补充】，不填 0。
      </Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear autoFocus placeholder="按指标名称或类别搜索，如“收文”“热线”" aria-label="搜索指标" value={search} onChange={(event) => setSearch(event.target.value)} style={{ flex: '1 1 280px' }} />
        <Select allowClear placeholder="全部类别" aria-label="类别" value={section} onChange={(value) => setSection(value ?? null)} options={sections.map((value) => ({ value, label: value }))} style={{ width: 180 }} />
      </Flex>
      <Flex vertical gap={4} style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label="插入形式"
          optionType="button"
          value={kind}
          onChange={(event) => setKind(event.target.value as SummaryTokenKind)}
          options={summaryTokenKinds.map((value) => ({ value, label: tokenKindLabels[value].label }))}
        />
        <Typography.Text type="secondary">{tokenKindLabels[kind].hint}</Typography.Text>
      </Flex>
      <Table<MetricDefinitionView>
        rowKey="id"
        size="small"
        dataSource={shown}
        pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: '没有符合的指标' }}
        // On a phone the dialog is 310 px inside and the fixed columns took it all: the rows scroll instead.
        scroll={{ x: 540 }}
        onRow={(definition) => ({ onDoubleClick: () => onPick(tokenText(definition.id, kind), definition) })}
        columns={[
          { title: '类别', dataIndex: 'section', key: 'section', width: 120 },
          {
            title: '指标',
            key: 'label',
            width: 260,
            render: (_value, definition) => (
              <span title={definition.description}>
                {definition.label}
                {originTags[definition.origin] && (
                  <Tag color={originTags[definition.origin]!.color} style={{ marginLeft: 8 }}>
                    {originTags[definition.origin]!.text}
                  </Tag>
                )}
              </span>
            ),
          },
          { title: '单位', dataIndex: 'unit', key: 'unit', width: 80 },
          {
            title: '',
            key: 'pick',
            width: 80,
            render: (_value, definition) => (
              <Button size="small" type="primary" aria-label={`插入 ${definition.label}`} onClick={() => onPick(tokenText(definition.id, kind), definition)}>
                插入
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
};
