/**
 * The document as GB/T 9704 lays it out: 下载 Word, and 预览 — the first page as an image and the PDF
 * in a new tab. Both previews need LibreOffice on the server; without it the server says so and
 * that message is shown.
 */
import { EyeOutlined, FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Modal, Space, Spin } from 'antd';
import { type ReactNode, useState } from 'react';
import { documentUrl, useDocumentImage } from './api.js';
import './outgoing.css';

/** The first page, rendered; `fallback` shows beside the server's refusal (e.g. the text preview). */
export const DocumentImage = ({ caseId, version, fallback }: { caseId: string; version: number; fallback?: ReactNode }) => {
  const { data: src, isPending, isError, error } = useDocumentImage(caseId, version);
  if (isPending) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: 240 }}>
        <Spin description="正在生成版式预览…" />
      </Flex>
    );
  }
  if (isError) {
    return (
      <Flex vertical gap={12}>
        <Alert type="info" showIcon title={error.message} data-testid="preview-unavailable" />
        {fallback}
      </Flex>
    );
  }
  return <img src={src} alt="公文首页预览" className="fb-signoff-image" data-testid="document-preview" />;
};

export const DocumentButtons = ({ caseId, version }: { caseId: string; version: number }) => {
  const [isPreviewing, setIsPreviewing] = useState(false);
  return (
    <Space wrap>
      <Button icon={<FileWordOutlined />} href={documentUrl(caseId, 'docx', version)} download data-testid="docx-link">
        下载 Word
      </Button>
      <Button icon={<EyeOutlined />} onClick={() => setIsPreviewing(true)} data-testid="preview-button">
        预览
      </Button>
      {isPreviewing && (
        <Modal
          open
          title="版式预览（首页）"
          width={760}
          onCancel={() => setIsPreviewing(false)}
          footer={
            <Flex justify="space-between" wrap gap={8}>
              <Button icon={<FilePdfOutlined />} href={documentUrl(caseId, 'pdf', version)} target="_blank" rel="noopener">
                在新标签页打开 PDF（全部页面）
              </Button>
              <Button onClick={() => setIsPreviewing(false)}>关闭</Button>
            </Flex>
          }
        >
          <DocumentImage caseId={caseId} version={version} />
        </Modal>
      )}
    </Space>
  );
};
