/**
 * 导入历史发文 (/cases/outgoing/import): upload a 发文登记簿 (.xlsx) → check the preview, the column
 * mapping and every bad row → import all rows, or only the valid ones → the result, with where
 * each 代字's 文号 now continue. Nothing is written before the import button; importing the same
 * file again skips what is already in.
 */
import { ArrowLeftOutlined, ImportOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportMode, OutgoingImportMapping, OutgoingImportPreview, OutgoingImportResult } from '../../../../common/schemas/outgoing-import.js';
import { NotFound } from '../../app/guards.js';
import { notifyError } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { ledgerPath, useKinds } from '../cases/api.js';
import { outgoingImportPath, useOutgoingImport, usePreviewOutgoingImport } from './api.js';
import { OutgoingImportPreviewPanel } from './OutgoingImportPreviewPanel.js';

const MAX_BYTES = 10 * 1024 * 1024;

const ResultView = ({ result, onAgain }: { result: OutgoingImportResult; onAgain: () => void }) => {
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={`已导入 ${result.imported} 件发文`}
      subTitle={`跳过已导入 ${result.skippedDuplicates} 行${result.invalid.length ? `，未导入无效行 ${result.invalid.length} 行` : ''}。每件都已归档，并按登记簿的日期留痕。`}
      extra={[
        <Button type="primary" key="ledger" onClick={() => navigate(ledgerPath('outgoing'))}>
          查看发文台账
        </Button>,
        <Button key="again" onClick={onAgain}>
          继续导入
        </Button>,
      ]}
    >
      <Flex vertical gap={16}>
        {result.sequences.length > 0 && (
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
        )}
        {result.invalid.length > 0 && (
          <Table
            rowKey="row"
            size="small"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={result.invalid}
            columns={[
              { title: '未导入的行', dataIndex: 'row', key: 'row', width: 110 },
              { title: '原因', dataIndex: 'errors', key: 'errors', render: (errors: string[]) => errors.join('；') },
            ]}
          />
        )}
      </Flex>
    </Result>
  );
};

const Importer = () => {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<OutgoingImportPreview | null>(null);
  const [result, setResult] = useState<OutgoingImportResult | null>(null);
  const previewImport = usePreviewOutgoingImport();
  const runImport = useOutgoingImport();

  const load = (next: File, mapping?: OutgoingImportMapping) =>
    previewImport.mutate({ file: next, mapping }, { onSuccess: (data) => setPreview(data) });

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
  };

  const importWith = (mode: ImportMode) => {
    if (!file || !preview) return;
    runImport.mutate({ file, mapping: preview.mapping, mode }, { onSuccess: (data) => setResult(data) });
  };

  const step = result ? 2 : preview ? 1 : 0;
  return (
    <Flex vertical gap={24}>
      <Steps current={step} size="small" items={[{ title: '上传登记簿' }, { title: '核对预览' }, { title: '导入完成' }]} />
      {result && <ResultView result={result} onAgain={restart} />}
      {!result && (
        <>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={previewImport.isPending || runImport.isPending}
            beforeUpload={(picked) => {
              if (!picked.name.toLowerCase().endsWith('.xlsx')) notifyError(new Error('请上传 .xlsx 格式的发文登记簿（旧版 .xls 请先另存为 .xlsx）'));
              else if (picked.size > MAX_BYTES) notifyError(new Error('登记簿文件不能超过 10 MB，请分成几个文件导入'));
              else {
                setFile(picked);
                setPreview(null);
                load(picked);
              }
              return Upload.LIST_IGNORE;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{file ? `已选择：${file.name}（点击或拖入可更换）` : '点击或把发文登记簿（.xlsx）拖到这里'}</p>
            <p className="ant-upload-hint">
              第一行可以是标题，系统会找到表头行。文号、文种、标题为必备项，签发日期与成文日期至少一项；文号须为 示政办发〔2025〕12号 的格式，无文号的须有机关代字一列。
            </p>
          </Upload.Dragger>
          {previewImport.isPending && !preview && (
            <Flex justify="center" gap={8}>
              <Spin /> <Typography.Text type="secondary">正在读取和校验…</Typography.Text>
            </Flex>
          )}
          {preview && file && (
            <OutgoingImportPreviewPanel
              preview={preview}
              isRefreshing={previewImport.isPending}
              isImporting={runImport.isPending ? (runImport.variables?.mode ?? null) : null}
              onMappingChange={(mapping) => load(file, mapping)}
              onImport={importWith}
            />
          )}
        </>
      )}
    </Flex>
  );
};

/** The button for the 发文 ledger (the kind's LedgerExtra), shown to those who may register 发文. */
export const OutgoingImportButton = () => {
  const navigate = useNavigate();
  return (
    <Button icon={<ImportOutlined />} onClick={() => navigate(outgoingImportPath)}>
      导入历史发文
    </Button>
  );
};

/** Only for those who may register 发文 (the server checks again). */
export const OutgoingImportPage = () => {
  const navigate = useNavigate();
  const { data: kinds, isPending } = useKinds();
  const outgoing = kinds?.find((kind) => kind.id === 'outgoing');
  if (isPending) return null;
  if (!outgoing?.canCreate) return <NotFound homePath="/" />;
  return (
    <PageContainer
      title="导入历史发文"
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ledgerPath('outgoing'))}>
          返回发文台账
        </Button>
      }
    >
      <Importer />
    </PageContainer>
  );
};
