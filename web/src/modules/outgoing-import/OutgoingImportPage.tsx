/**
 * 导入历史发文 (/cases/outgoing/import): the shared register import (register-import/) with what is
 * the 发文登记簿's own: its endpoints, its sample columns, the 文号 count, the rule that a date
 * column must be mapped, and, in the result, where each 代字's 文号 now continue.
 */
import { Table, type TableColumnsType, Typography } from 'antd';
import type { OutgoingImportPreview, OutgoingImportResult, OutgoingImportSampleRow } from '../../../../common/schemas/outgoing-import.js';
import { RegisterImportButton, RegisterImportPage } from '../register-import/RegisterImportPage.js';
import type { RegisterImportConfig } from '../register-import/types.js';
import { outgoingImportEndpoints, outgoingImportPath } from './api.js';

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

/** Where the 文号 ledger of each 代字 and year stands after the import. */
const Sequences = ({ result }: { result: OutgoingImportResult }) =>
  result.sequences.length > 0 && (
    <Table
      rowKey={(sequence) => `${sequence.issuerCode}|${sequence.year}`}
      size="small"
      pagination={false}
      dataSource={result.sequences}
      columns={[
        { title: '机关代字', dataIndex: 'issuerCode', key: 'issuerCode' },
        { title: '年度', dataIndex: 'year', key: 'year', width: 90 },
        { title: '文号台账已编至', dataIndex: 'lastNo', key: 'lastNo', render: (lastNo: number) => `${lastNo} 号（新文号从 ${lastNo + 1} 号起）` },
      ]}
    />
  );

const outgoingImport: RegisterImportConfig<OutgoingImportPreview, OutgoingImportResult> = {
  kindId: 'outgoing',
  noun: '发文',
  endpoints: outgoingImportEndpoints,
  uploadHint:
    '第一行可以是标题，系统会找到表头行。文号、文种、标题为必备项，签发日期与成文日期至少一项；文号须为 示政办发〔2025〕12号 的格式，无文号的须有机关代字一列。',
  previewTestId: 'outgoing-import-preview',
  previewNote: '以下只是预览，尚未写入任何数据，文号也未登记。',
  skippedWord: '已导入',
  duplicatesTitle: '已导入过（跳过）',
  extraStatistics: (preview) => [{ title: '将登记文号', value: preview.numbered, suffix: '个' }],
  mappingProblem: (mapping) => (mapping.signedOn === null && mapping.writtenOn === null ? '请指定签发日期或成文日期对应的列（至少一项）' : null),
  sampleColumns,
  sampleScrollX: 1400,
  importNotice: {
    title: '导入后的发文',
    description:
      '每行导入为一件已归档的发文，按登记簿中的签发、登记、印发日期留痕；正文注明“历史登记导入”。有文号的登记入文号台账，该代字当年新取的文号从已导入的最大号之后续编。',
  },
  resultNote: '每件都已归档，并按登记簿的日期留痕。',
  ResultExtra: Sequences,
};

/** The button for the 发文 ledger (the kind's LedgerExtra), shown to those who may register 发文. */
export const OutgoingImportButton = () => <RegisterImportButton noun="发文" path={outgoingImportPath} />;

/** Only for those who may register 发文 (the server checks again). */
export const OutgoingImportPage = () => <RegisterImportPage config={outgoingImport} />;
