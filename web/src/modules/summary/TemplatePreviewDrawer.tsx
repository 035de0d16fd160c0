/** 预览: a template's text as a draft of the chosen period would read now — numbers from the records, gaps marked. */
import { Alert, Drawer, Spin, Typography } from 'antd';
import { chineseNumeral } from '../../../../common/documents/official.js';
import type { TemplatePreview } from '../../../../common/schemas/summary.js';
import { PrintedText } from './PrintedText.js';

export const TemplatePreviewDrawer = ({ preview, periodText, isPending, onOpenMetric, onClose }: { preview: TemplatePreview | undefined; periodText: string; isPending: boolean; onOpenMetric: (metricId: string) => void; onClose: () => void }) => {
  let sectionNo = 0;
  return (
    <Drawer open title={`预览：${periodText}`} onClose={onClose} size={820}>
      {isPending || !preview ? (
        <Spin />
      ) : (
        <div className="fb-summary-page" data-testid="template-preview">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`按当前记录计算：数字 ${preview.numberCount} 处，待补充 ${preview.gapCount} 处。预览不保存。`} />
          <h2 className="fb-summary-title">
            <PrintedText pieces={preview.titlePieces} onOpenMetric={onOpenMetric} />
          </h2>
          {preview.sections.map((section, s) => (
            <section key={s}>
              {section.heading && (
                <h3 className="fb-summary-heading">
                  {chineseNumeral((sectionNo += 1))}、<PrintedText pieces={section.headingPieces} onOpenMetric={onOpenMetric} />
                </h3>
              )}
              {section.paragraphs.map((paragraph, p) => (
                <p key={p} className="fb-summary-paragraph">
                  <PrintedText pieces={paragraph.pieces} onOpenMetric={onOpenMetric} />
                </p>
              ))}
            </section>
          ))}
          <Typography.Text type="secondary">（落款、日期在生成的 Word 文件中按公文格式排列）</Typography.Text>
        </div>
      )}
    </Drawer>
  );
};
