/** A file of a case (扫描件, 附件) as a download link. */
import { PaperClipOutlined } from '@ant-design/icons';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { attachmentUrl } from '../cases/api.js';

export const FileLink = ({ caseId, file }: { caseId: string; file: AttachmentRef }) => (
  <a href={attachmentUrl(caseId, file)} download={file.name} className="fb-file-link">
    <PaperClipOutlined /> {file.name}
  </a>
);
