/**
 * 导入历史收文 (/cases/incoming/import): the shared register import (register-import/) with what is
 * the 收文登记簿's own: its endpoints, its sample columns and its texts.
 */
import type { TableColumnsType } from 'antd';
import type { ImportPreview, ImportResult, ImportSampleRow } from '../../../../common/schemas/incoming-import.js';
import { RegisterImportPage } from '../register-import/RegisterImportPage.js';
import type { RegisterImportConfig } from '../register-import/types.js';
import { incomingImportEndpoints } from './api.js';
import { ImportPreviewExtra } from './ImportPreviewExtra.js';

const sampleColumns: TableColumnsType<ImportSampleRow> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '收文日期', dataIndex: 'receivedOn', key: 'receivedOn', width: 110 },
  { title: '来文机关', dataIndex: 'fromOrg', key: 'fromOrg', width: 160 },
  {
    title: '来文字号',
    dataIndex: 'docNumber',
    key: 'docNumber',
    width: 170,
    render: (value: string | null, row) => (value ? (row.docNumberAsWritten ? `${value}（原写作 ${row.docNumberAsWritten}）` : value) : '—'),
  },
  { title: '文种', dataIndex: 'docType', key: 'docType', width: 80, render: (value: string, row) => (row.isDocTypeInferred ? `${value}（推断）` : value) },
  { title: '标题', dataIndex: 'title', key: 'title' },
  { title: '紧急程度', dataIndex: 'urgency', key: 'urgency', width: 90 },
  { title: '份数', dataIndex: 'copies', key: 'copies', width: 60 },
  { title: '导入后状态', dataIndex: 'finalStateLabel', key: 'finalStateLabel', width: 100 },
];

const incomingImport: RegisterImportConfig<ImportPreview, ImportResult> = {
  kindId: 'incoming',
  noun: '收文',
  endpoints: incomingImportEndpoints,
  uploadHint: '第一行可以是标题，系统会找到表头行；收文日期、来文机关、标题为必备项；没有文种一列时按标题判断。尚在办理的行导入为待拟办，来文机关和来文字号相同的视为重复。',
  previewTestId: 'import-preview',
  previewNote: '以下只是预览，尚未写入任何数据。',
  skippedWord: '重复',
  duplicatesTitle: '重复（导入时跳过）',
  sampleColumns,
  PreviewExtra: ImportPreviewExtra,
  sampleScrollX: 1100,
  resultNote: '每件都已按登记簿中的办理情况留痕。',
};

/** Only for those who may register 收文 (the server checks again). */
export const ImportPage = () => <RegisterImportPage config={incomingImport} />;
