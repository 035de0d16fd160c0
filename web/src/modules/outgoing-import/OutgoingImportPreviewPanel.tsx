/**
 * The preview of a 发文登记簿 before anything is written: which column feeds which field (the
 * server's guess preselected, changeable), the counts, every invalid row with all its reasons
 * (文号 format, unknown 代字, a 文号 already in the ledger or twice in the file), a sample of what
 * would be created, and the two ways to import.
 */
import { Alert, Button, Col, Flex, Popconfirm, Row, Select, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { OutgoingImportField, OutgoingImportMapping, OutgoingImportPreview, OutgoingImportSampleRow } from '../../../../common/schemas/outgoing-import.js';

type FieldRow = OutgoingImportPreview['fields'][number];
type InvalidRow = OutgoingImportPreview['invalid'][number];
type ImportMode = 'all' | 'valid-only';

const headerLabel = (headers: readonly string[], index: number | null | undefined): string =>
  index === null || index === undefined ? '' : `第 ${index + 1} 列：${headers[index] || '（无表头）'}`;

const sampleColumns: TableColumnsType<OutgoingImportSampleRow> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '文号', dataIndex: 'docNumber', key: 'docNumber', width: 180, render: (value: string | null, row) => value ?? <Typography.Text type="secondary">无文号（{row.issuerCode}）</Typography.Text> },
  { title: '文种', dataIndex: 'docType', key: 'docType', width: 70 },
  {
    title: '行文方向',
    dataIndex: 'direction',
    key: 'direction',
    width: 110,
    render: (value: string, row) => (row.isDirectionInferred ? <span title="登记簿未写，按文种推定">{value}（推定）</span> : value),
  },
  { title: '标题', dataIndex: 'title', key: 'title' },
  { title: '主送', dataIndex: 'mainTo', key: 'mainTo', width: 180, ellipsis: true },
  { title: '签发人', dataIndex: 'signer', key: 'signer', width: 130, render: (value: string | null) => value ?? '—' },
  { title: '签发日期', dataIndex: 'signedOn', key: 'signedOn', width: 110, render: (value: string | null) => value ?? '—' },
  { title: '成文日期', dataIndex: 'writtenOn', key: 'writtenOn', width: 110 },
  { title: '印发日期', dataIndex: 'printedOn', key: 'printedOn', width: 110 },
  { title: '份数', dataIndex: 'copies', key: 'copies', width: 60 },
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

const Counts = ({ preview }: { preview: OutgoingImportPreview }) => {
  const invalidCount = preview.invalid.length;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={12} md={5}>
        <Statistic title="数据行" value={preview.rows} suffix="行" />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="有效" value={preview.valid} suffix="行" styles={{ content: { color: '#389e0d' } }} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="无效" value={invalidCount} suffix="行" styles={{ content: { color: invalidCount ? '#cf1322' : undefined } }} />
      </Col>
      <Col xs={12} md={5}>
        <Statistic title="已导入过（跳过）" value={preview.duplicates} suffix="行" />
      </Col>
      <Col xs={12} md={4}>
        <Statistic title="将登记文号" value={preview.numbered} suffix="个" />
      </Col>
    </Row>
  );
};

export const OutgoingImportPreviewPanel = ({
  preview,
  isRefreshing,
  isImporting,
  onMappingChange,
  onImport,
}: {
  preview: OutgoingImportPreview;
  isRefreshing: boolean;
  isImporting: ImportMode | null;
  onMappingChange: (mapping: OutgoingImportMapping) => void;
  onImport: (mode: ImportMode) => void;
}) => {
  const invalidCount = preview.invalid.length;
  const toImport = Math.max(0, preview.valid - preview.duplicates);
  const headerOptions = preview.headers.map((_header, index) => ({ value: index, label: headerLabel(preview.headers, index) }));
  const hasDateColumn = preview.mapping.signedOn !== null || preview.mapping.writtenOn !== null;

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
          onChange={(index) => onMappingChange({ ...preview.mapping, [field.field as OutgoingImportField]: index ?? null })}
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
    <Flex vertical gap={24} data-testid="outgoing-import-preview">
      <Typography.Text type="secondary">
        工作表「{preview.sheet}」，表头在第 {preview.headerRow} 行。以下只是预览，尚未写入任何数据，文号也未登记。
      </Typography.Text>
      <Counts preview={preview} />

      <section aria-label="列对应">
        <Typography.Title level={5}>列对应</Typography.Title>
        {!hasDateColumn && <Alert type="error" showIcon title="请指定签发日期或成文日期对应的列（至少一项）" style={{ marginBottom: 12 }} />}
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
        <Table<OutgoingImportSampleRow> rowKey="row" size="small" columns={sampleColumns} dataSource={preview.sample} pagination={false} scroll={{ x: 1400 }} />
      </section>

      <Alert
        type="info"
        showIcon
        title="导入后的发文"
        description="每行导入为一件已归档的发文，按登记簿中的签发、登记、印发日期留痕；正文注明“历史登记导入”。有文号的登记入文号台账，该代字当年新取的文号从已导入的最大号之后续编。"
      />
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
          disabled={invalidCount > 0 || toImport === 0 || isRefreshing || !hasDateColumn}
          loading={isImporting === 'all'}
          onClick={() => onImport('all')}
        >
          全部导入（{toImport} 件）
        </Button>
        <Popconfirm
          title="仅导入有效行？"
          description={`将导入 ${toImport} 件，跳过已导入 ${preview.duplicates} 行，不导入无效 ${invalidCount} 行。`}
          okText="导入"
          cancelText="取消"
          onConfirm={() => onImport('valid-only')}
          disabled={toImport === 0 || isRefreshing || !hasDateColumn}
        >
          <Button disabled={toImport === 0 || isRefreshing || !hasDateColumn} loading={isImporting === 'valid-only'}>
            仅导入有效行
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
};
