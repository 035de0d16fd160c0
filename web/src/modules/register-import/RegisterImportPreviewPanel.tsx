/**
 * The preview of a register before anything is written: which column feeds which field (the
 * server's guess preselected, changeable), the counts, every invalid row with its reasons, a
 * sample of what would be created, and the two ways to import.
 */
import { Alert, Button, Col, Flex, Popconfirm, Row, Select, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { ImportMode, RegisterFieldRow, RegisterImportConfig, RegisterInvalidRow, RegisterMapping, RegisterPreview, RegisterResult, RegisterStatistic } from './types.js';

const headerLabel = (headers: readonly string[], index: number | null | undefined): string =>
  index === null || index === undefined ? '' : `第 ${index + 1} 列：${headers[index] || '（无表头）'}`;

const invalidColumns: TableColumnsType<RegisterInvalidRow> = [
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

/** The counts on one row of 24 columns: equal widths, the last taking what is left. */
const Counts = ({ statistics }: { statistics: (RegisterStatistic & { color?: string })[] }) => {
  const span = Math.ceil(24 / statistics.length);
  return (
    <Row gutter={[16, 16]}>
      {statistics.map(({ title, value, suffix, color }, index) => (
        <Col key={title} xs={12} md={index === statistics.length - 1 ? 24 - span * index : span}>
          <Statistic title={title} value={value} suffix={suffix} styles={color ? { content: { color } } : undefined} />
        </Col>
      ))}
    </Row>
  );
};

const mappingColumns = ({
  preview,
  isRefreshing,
  onMappingChange,
}: {
  preview: RegisterPreview;
  isRefreshing: boolean;
  onMappingChange: (mapping: RegisterMapping) => void;
}): TableColumnsType<RegisterFieldRow> => {
  const headerOptions = preview.headers.map((_header, index) => ({ value: index, label: headerLabel(preview.headers, index) }));
  return [
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
          onChange={(index) => onMappingChange({ ...preview.mapping, [field.field]: index ?? null })}
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
};

export const RegisterImportPreviewPanel = <Preview extends RegisterPreview, Result extends RegisterResult>({
  config,
  preview,
  isRefreshing,
  isImporting,
  onMappingChange,
  onImport,
}: {
  config: RegisterImportConfig<Preview, Result>;
  preview: Preview;
  isRefreshing: boolean;
  isImporting: ImportMode | null;
  onMappingChange: (mapping: RegisterMapping) => void;
  onImport: (mode: ImportMode) => void;
}) => {
  const invalidCount = preview.invalid.length;
  const toImport = Math.max(0, preview.valid - preview.duplicates);
  const mappingProblem = config.mappingProblem?.(preview.mapping) ?? null;
  const isBlocked = toImport === 0 || isRefreshing || mappingProblem !== null;
  const statistics = [
    { title: '数据行', value: preview.rows, suffix: '行' },
    { title: '有效', value: preview.valid, suffix: '行', color: '#389e0d' },
    { title: '无效', value: invalidCount, suffix: '行', color: invalidCount ? '#cf1322' : undefined },
    { title: config.duplicatesTitle, value: preview.duplicates, suffix: '行' },
    ...(config.extraStatistics?.(preview) ?? []),
  ];

  return (
    <Flex vertical gap={24} data-testid={config.previewTestId}>
      <Typography.Text type="secondary">
        工作表「{preview.sheet}」，表头在第 {preview.headerRow} 行。{config.previewNote}
      </Typography.Text>
      <Counts statistics={statistics} />

      <section aria-label="列对应">
        <Typography.Title level={5}>列对应</Typography.Title>
        {mappingProblem && <Alert type="error" showIcon title={mappingProblem} style={{ marginBottom: 12 }} />}
        <Table<RegisterFieldRow>
          rowKey="field"
          size="small"
          columns={mappingColumns({ preview, isRefreshing, onMappingChange })}
          dataSource={preview.fields}
          pagination={false}
          scroll={{ x: 600 }}
          loading={isRefreshing}
        />
      </section>

      {invalidCount > 0 && (
        <section aria-label="无效行">
          <Typography.Title level={5}>无效行（{invalidCount} 行）</Typography.Title>
          <Table<RegisterInvalidRow> rowKey="row" size="small" columns={invalidColumns} dataSource={preview.invalid} pagination={{ pageSize: 10, hideOnSinglePage: true }} />
        </section>
      )}

      <section aria-label="样例">
        <Typography.Title level={5}>导入样例（前 {preview.sample.length} 行有效数据）</Typography.Title>
        <Table<Preview['sample'][number]> rowKey="row" size="small" columns={config.sampleColumns} dataSource={preview.sample} pagination={false} scroll={{ x: config.sampleScrollX }} />
      </section>

      {config.importNotice && <Alert type="info" showIcon title={config.importNotice.title} description={config.importNotice.description} />}
      {invalidCount > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${invalidCount} 行无效，不能「全部导入」`}
          description="全部导入要求每一行都有效，否则整批不导入。请修正 Excel 后重新上传，或选择「仅导入有效行」（无效行不导入，可修正后再导一次，已导入的不会重复）。"
        />
      )}
      <Flex gap={12} wrap>
        <Button type="primary" disabled={invalidCount > 0 || isBlocked} loading={isImporting === 'all'} onClick={() => onImport('all')}>
          全部导入（{toImport} 件）
        </Button>
        <Popconfirm
          title="仅导入有效行？"
          description={`将导入 ${toImport} 件，跳过${config.skippedWord} ${preview.duplicates} 行，不导入无效 ${invalidCount} 行。`}
          okText="导入"
          cancelText="取消"
          onConfirm={() => onImport('valid-only')}
          disabled={isBlocked}
        >
          <Button disabled={isBlocked} loading={isImporting === 'valid-only'}>
            仅导入有效行
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
};
