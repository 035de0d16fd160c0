/**
 * 导入历史收文 (/cases/incoming/import): upload a 收文登记簿 (.xlsx) → check the preview and the
 * column mapping → import all rows, or only the valid ones → the result. Nothing is written
 * before the import button; importing the same file again skips what is already in.
 */
import { ArrowLeftOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { ImportMapping, ImportMode, ImportPreview, ImportResult } from '../../../../common/schemas/incoming-import.js';
import { NotFound } from '../../app/guards.js';
import { notifyError } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { ledgerPath, useKinds } from '../cases/api.js';
import { useImport, usePreviewImport } from './api.js';
import { ImportPreviewPanel } from './ImportPreviewPanel.js';

const MAX_BYTES = 10 * 1024 * 1024;

const ResultView = ({ result, onAgain }: { result: ImportResult; onAgain: () => void }) => {
  const navigate = useNavigate();
  return (
    <Result
      status="success"
      title={`已导入 ${result.imported} 件收文`}
      subTitle={`跳过重复 ${result.skippedDuplicates} 行${result.invalid.length ? `，未导入无效行 ${result.invalid.length} 行` : ''}。每件都已按登记簿中的办理情况留痕。`}
      extra={[
        <Button type="primary" key="ledger" onClick={() => navigate(ledgerPath('incoming'))}>
          查看收文台账
        </Button>,
        <Button key="again" onClick={onAgain}>
          继续导入
        </Button>,
      ]}
    >
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
    </Result>
  );
};

const Importer = () => {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const previewImport = usePreviewImport();
  const runImport = useImport();

  const load = (next: File, mapping?: ImportMapping) =>
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
              if (!picked.name.toLowerCase().endsWith('.xlsx')) notifyError(new Error('请上传 .xlsx 格式的收文登记簿（旧版 .xls 请先另存为 .xlsx）'));
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
            <p className="ant-upload-text">{file ? `已选择：${file.name}（点击或拖入可更换）` : '点击或把收文登记簿（.xlsx）拖到这里'}</p>
            <p className="ant-upload-hint">第一行可以是标题，系统会找到表头行；收文日期、来文机关、文种、标题为必备项。</p>
          </Upload.Dragger>
          {previewImport.isPending && !preview && (
            <Flex justify="center" gap={8}>
              <Spin /> <Typography.Text type="secondary">正在读取和校验…</Typography.Text>
            </Flex>
          )}
          {preview && file && (
            <ImportPreviewPanel
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

/** Only for those who may register 收文 (the server checks again). */
export const ImportPage = () => {
  const navigate = useNavigate();
  const { data: kinds, isPending } = useKinds();
  const incoming = kinds?.find((kind) => kind.id === 'incoming');
  if (isPending) return null;
  if (!incoming?.canCreate) return <NotFound homePath="/" />;
  return (
    <PageContainer
      title="导入历史收文"
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ledgerPath('incoming'))}>
          返回收文台账
        </Button>
      }
    >
      <Importer />
    </PageContainer>
  );
};
