/**
 * The preview of a 收文登记簿 before anything is written: which column feeds which field (the
 * server's guess preselected, changeable), the counts, every invalid row with its reasons, a
 * sample of what would be created, and the two ways to import.
 */
import { Alert, Button, Col, Flex, Popconfirm, Row, Select, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ImportField, ImportMapping, ImportPreview, ImportSampleRow } from '../../../../common/schemas/incoming-import.js';

type FieldRow = ImportPreview['fields'][number];
type InvalidRow = ImportPreview['invalid'][number];

const headerLabel = (headers: readonly string[], index: number | null | undefined): string =>
  index === null || index === undefined ? '' : `第 ${index + 1} 列：${headers[index] || '（无表头）'}`;

const sampleColumns: TableColumnsType<ImportSampleRow> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '收文日期', dataIndex: 'receivedOn', key: 'receivedOn', width: 110 },
  { title: '来文机关', dataIndex: 'fromOrg', key: 'fromOrg', width: 160 },
  { title: '来文字号', dataIndex: 'docNumber', key: 'docNumber', width: 160, render: (value: string | null) => value ?? '—' },
  { title: '文种', dataIndex: 'docType', key: 'docType', width: 70 },
  { title: '标题', dataIndex: 'title', key: 'title' },
  { title: '紧急程度', dataIndex: 'urgency', key: 'urgency', width: 90 },
  { title: '份数', dataIndex: 'copies', key: 'copies', width: 60 },
  { title: '导入后状态', dataIndex: 'finalStateLabel', key: 'finalStateLabel', width: 100 },
];

const invalidColumns: TableColumnsType<InvalidRow> = [
  { title: 'Excel 行号', dataIndex: 'row', key: 'row', width: 110 },
  {
    title: '原因',
    dataIndex: 'errors',
    key: 'errors',
    render: (errors: string[]) => (
      <Flex vertical gap={2}>
        {errors.map((error) => (
          <span key={error}>{error}</span>
        ))}
      </Flex>
    ),
  },
];

export const ImportPreviewPanel = ({
  preview,
  isRefreshing,
  isImporting,
  onMappingChange,
  onImport,
}: {
  preview: ImportPreview;
  isRefreshing: boolean;
  isImporting: 'all' | 'valid-only' | null;
  onMappingChange: (mapping: ImportMapping) => void;
  onImport: (mode: 'all' | 'valid-only') => void;
}) => {
  const invalidCount = preview.invalid.length;
  const toImport = Math.max(0, preview.valid - preview.duplicates);
  const headerOptions = preview.headers.map((_header, index) => ({ value: index, label: headerLabel(preview.headers, index) }));

  const mappingColumns: TableColumnsType<FieldRow> = [
    {
      title: '登记簿项目',
      key: 'label',
      width: 150,
      render: (_value, field) => (
        <span>
          {field.label}
          {field.isRequired && <Typography.Text type="danger"> *</Typography.Text>}
        </span>
      ),
    },
    {
      title: '对应文件中的列',
      key: 'column',
      render: (_value, field) => (
        <Select<number | null>
          aria-label={`${field.label}对应的列`}
          style={{ width: '100%', maxWidth: 320 }}
          allowClear
          placeholder="不导入此项"
          value={preview.mapping[field.field] ?? null}
          options={headerOptions}
          disabled={isRefreshing}
          onChange={(index) => onMappingChange({ ...preview.mapping, [field.field as ImportField]: index ?? null })}
        />
      ),
    },
    {
      title: '识别建议',
      key: 'suggested',
      width: 220,
      render: (_value, field) => {
        const suggested = preview.suggestedMapping[field.field];
        if (suggested === null || suggested === undefined) return <Typography.Text type="secondary">未识别</Typography.Text>;
        return suggested === preview.mapping[field.field] ? (
          <Tag color="green">{headerLabel(preview.headers, suggested)}</Tag>
        ) : (
          <Typography.Text type="secondary">{headerLabel(preview.headers, suggested)}</Typography.Text>
        );
      },
    },
  ];

  return (
    <Flex vertical gap={24} data-testid="import-preview">
      <Typography.Text type="secondary">
        工作表「{preview.sheet}」，表头在第 {preview.headerRow} 行。以下只是预览，尚未写入任何数据。
      </Typography.Text>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title="数据行" value={preview.rows} suffix="行" />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="有效" value={preview.valid} suffix="行" styles={{ content: { color: '#389e0d' } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="无效" value={invalidCount} suffix="行" styles={{ content: { color: invalidCount ? '#cf1322' : undefined } }} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title="重复（导入时跳过）" value={preview.duplicates} suffix="行" />
        </Col>
      </Row>

      <section aria-label="列对应">
        <Typography.Title level={5}>列对应</Typography.Title>
        <Table<FieldRow> rowKey="field" size="small" columns={mappingColumns} dataSource={preview.fields} pagination={false} scroll={{ x: 600 }} loading={isRefreshing} />
      </section>

      {invalidCount > 0 && (
        <section aria-label="无效行">
          <Typography.Title level={5}>无效行（{invalidCount} 行）</Typography.Title>
          <Table<InvalidRow> rowKey="row" size="small" columns={invalidColumns} dataSource={preview.invalid} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
        </section>
      )}

      <section aria-label="样例">
        <Typography.Title level={5}>导入样例（前 {preview.sample.length} 行有效数据）</Typography.Title>
        <Table<ImportSampleRow> rowKey="row" size="small" columns={sampleColumns} dataSource={preview.sample} pagination={false} scroll={{ x: 1100 }} />
      </section>

      {invalidCount > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${invalidCount} 行无效，不能「全部导入」`}
          description="全部导入要求每一行都有效，否则整批不导入。请修正 Excel 后重新上传，或选择「仅导入有效行」（无效行不导入，可修正后再导一次，已导入的不会重复）。"
        />
      )}
      <Flex gap={12} wrap>
        <Button
          type="primary"
          disabled={invalidCount > 0 || toImport === 0 || isRefreshing}
          loading={isImporting === 'all'}
          onClick={() => onImport('all')}
        >
          全部导入（{toImport} 件）
        </Button>
        <Popconfirm
          title="仅导入有效行？"
          description={`将导入 ${toImport} 件，跳过重复 ${preview.duplicates} 行，不导入无效 ${invalidCount} 行。`}
          okText="导入"
          cancelText="取消"
          onConfirm={() => onImport('valid-only')}
          disabled={toImport === 0 || isRefreshing}
        >
          <Button disabled={toImport === 0 || isRefreshing} loading={isImporting === 'valid-only'}>
            仅导入有效行
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
};
