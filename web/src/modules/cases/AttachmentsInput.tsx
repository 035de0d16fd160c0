/** Attachments: each file is uploaded at once (POST /api/attachments); the form keeps {digest, name}. */
import { UploadOutlined } from '@ant-design/icons';
import { Button, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { notifyError } from '../../app/request.js';
import { type UploadedAttachment, uploadAttachment } from './api.js';

const MAX_FILES = 20;
const MAX_BYTES = 20 * 1024 * 1024;

/** Files already on the record (an edit): shown as uploaded; their size is not known here. */
const asUploaded = (refs: readonly AttachmentRef[] = []): UploadFile<UploadedAttachment>[] =>
  refs.map((ref) => ({ uid: ref.digest, name: ref.name, status: 'done', response: { ...ref, size: 0 } }));

export const AttachmentsInput = ({
  value,
  onChange,
  onBusyChange,
  id,
  maxCount = MAX_FILES,
  buttonText = '上传附件',
  accept,
}: {
  value?: AttachmentRef[];
  onChange?: (refs: AttachmentRef[]) => void;
  /** True while a file is still uploading: the form should not be sent yet. */
  onBusyChange?: (isBusy: boolean) => void;
  id?: string;
  maxCount?: number;
  buttonText?: string;
  /** File types offered by the picker, e.g. `.pdf,.jpg,.png`. */
  accept?: string;
}) => {
  // The list is the component's own after the first render (it holds uploads in progress); `value` only seeds it.
  const [files, setFiles] = useState<UploadFile<UploadedAttachment>[]>(() => asUploaded(value));

  const publish = (next: UploadFile<UploadedAttachment>[]) => {
    setFiles(next);
    onBusyChange?.(next.some((file) => file.status === 'uploading'));
    onChange?.(
      next
        .filter((file) => file.status === 'done' && file.response)
        .map((file) => ({ digest: file.response!.digest, name: file.response!.name })),
    );
  };

  return (
    <Upload<UploadedAttachment>
      id={id}
      multiple={maxCount > 1}
      maxCount={maxCount}
      accept={accept}
      fileList={files}
      beforeUpload={(file) => {
        if (file.size <= MAX_BYTES) return true;
        notifyError(new Error(`附件「${file.name}」超过 20 MB，不能上传`));
        return Upload.LIST_IGNORE;
      }}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File)
          .then((uploaded) => onSuccess?.(uploaded))
          .catch((error: Error) => {
            notifyError(error);
            onError?.(error);
          });
      }}
      onChange={({ fileList }) => publish(fileList.filter((file) => file.status !== 'error'))}
    >
      <Button icon={<UploadOutlined />}>{buttonText}</Button>
    </Upload>
  );
};
