/**
 * 导入历史收文 / 发文: upload a register (.xlsx) → check the preview, the column mapping and every
 * bad row → import all rows, or only the valid ones → the result. Nothing is written before the
 * import button; importing the same file again skips what is already in. Each module passes a
 * `RegisterImportConfig` with what is its own.
 */
import { ArrowLeftOutlined, ImportOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Result, Spin, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { NotFound } from '../../app/guards.js';
import { notifyError } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { ledgerPath, useKinds } from '../cases/api.js';
import { usePreviewRegisterImport, useRunRegisterImport } from './api.js';
import { RegisterImportPreviewPanel } from './RegisterImportPreviewPanel.js';
import type { ImportMode, RegisterImportConfig, RegisterMapping, RegisterPreview, RegisterResult } from './types.js';

const MAX_BYTES = 10 * 1024 * 1024;

type ConfigProps<Preview extends RegisterPreview, Result extends RegisterResult> = { config: RegisterImportConfig<Preview, Result> };

const ResultView = <Preview extends RegisterPreview, Result extends RegisterResult>({
  config,
  result,
  onAgain,
}: ConfigProps<Preview, Result> & { result: Result; onAgain: () => void }) => {
  const navigate = useNavigate();
  const { noun, ResultExtra } = config;
  return (
    <Result
      status="success"
      title={`已导入 ${result.imported} 件${noun}`}
      subTitle={`跳过${config.skippedWord} ${result.skippedDuplicates} 行${result.invalid.length ? `，未导入无效行 ${result.invalid.length} 行` : ''}。${config.resultNote}`}
      extra={[
        <Button type="primary" key="ledger" onClick={() => navigate(ledgerPath(config.kindId))}>
          {`查看${noun}台账`}
        </Button>,
        <Button key="again" onClick={onAgain}>
          继续导入
        </Button>,
      ]}
    >
      <Flex vertical gap={16}>
        {ResultExtra && <ResultExtra result={result} />}
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

const Importer = <Preview extends RegisterPreview, Result extends RegisterResult>({ config }: ConfigProps<Preview, Result>) => {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [extra, setExtra] = useState<Record<string, string>>(config.initialExtra ?? {});
  const previewImport = usePreviewRegisterImport<Preview>(config.endpoints);
  const runImport = useRunRegisterImport<Result>(config.endpoints);

  const load = (next: File, mapping?: RegisterMapping, fields = extra) =>
    previewImport.mutate({ file: next, mapping, extra: fields }, { onSuccess: (data) => setPreview(data) });

  const restart = () => {
    setFile(null);
    setPreview(null);
    setResult(null);
  };

  const importWith = (mode: ImportMode) => {
    if (!file || !preview) return;
    runImport.mutate({ file, mapping: preview.mapping, extra, mode }, { onSuccess: (data) => setResult(data) });
  };

  const step = result ? 2 : preview ? 1 : 0;
  return (
    <Flex vertical gap={24}>
      <Steps current={step} size="small" items={[{ title: '上传登记簿' }, { title: '核对预览' }, { title: '导入完成' }]} />
      {result && <ResultView config={config} result={result} onAgain={restart} />}
      {!result && (
        <>
          <Upload.Dragger
            accept=".xlsx"
            multiple={false}
            showUploadList={false}
            disabled={previewImport.isPending || runImport.isPending}
            beforeUpload={(picked) => {
              if (!picked.name.toLowerCase().endsWith('.xlsx')) notifyError(new Error(`请上传 .xlsx 格式的${config.noun}登记簿（旧版 .xls 请先另存为 .xlsx）`));
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
            <p className="ant-upload-text">{file ? `已选择：${file.name}（点击或拖入可更换）` : `点击或把${config.noun}登记簿（.xlsx）拖到这里`}</p>
            <p className="ant-upload-hint">{config.uploadHint}</p>
          </Upload.Dragger>
          {previewImport.isPending && !preview && (
            <Flex justify="center" gap={8}>
              <Spin /> <Typography.Text type="secondary">正在读取和校验…</Typography.Text>
            </Flex>
          )}
          {preview && file && config.PreviewExtra && (
            <config.PreviewExtra
              preview={preview}
              extra={extra}
              onExtraChange={(next) => {
                setExtra(next);
                load(file, preview.mapping, next);
              }}
            />
          )}
          {preview && file && (
            <RegisterImportPreviewPanel
              config={config}
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

/** The ledger's button to the import page (for those who may register the kind). */
export const RegisterImportButton = ({ noun, path, label }: { noun: string; path: string; label?: string }) => {
  const navigate = useNavigate();
  return (
    <Button icon={<ImportOutlined />} onClick={() => navigate(path)}>
      {label ?? `导入历史${noun}`}
    </Button>
  );
};

/** Only for those who may create the kind (the server checks again). */
export const RegisterImportPage = <Preview extends RegisterPreview, Result extends RegisterResult>({ config }: ConfigProps<Preview, Result>) => {
  const navigate = useNavigate();
  const { data: kinds, isPending } = useKinds();
  const kind = kinds?.find((candidate) => candidate.id === config.kindId);
  if (isPending) return null;
  if (!kind?.canCreate) return <NotFound homePath="/" />;
  return (
    <PageContainer
      title={config.pageTitle ?? `导入历史${config.noun}`}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(ledgerPath(config.kindId))}>
          {`返回${config.noun}台账`}
        </Button>
      }
    >
      <Importer config={config} />
    </PageContainer>
  );
};
