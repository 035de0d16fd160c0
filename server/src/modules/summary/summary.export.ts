/**
 * A summary as a GB/T 9704 document (the shared renderer, plain format): the title, each themed section
 * numbered 一、二、… in 黑体, its paragraphs — title and headings too — with every number as it reads today and every gap left
 * visible as 【待补充：…】, the office's name and the date.
 */
import { chineseDate, chineseNumeral } from '../../../../common/documents/official.js';
import type { SummaryView } from '../../../../common/schemas/summary.js';
import type { DocumentBodyBlock, OfficialDocumentModel } from '../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../platform/documents/render-docx.js';
import { plainText } from './summary-tokens.js';

export const summaryDocument = (summary: SummaryView, today: string): OfficialDocumentModel => {
  let sectionNo = 0;
  const body: DocumentBodyBlock[] = summary.sections.flatMap((section) => {
    const heading: DocumentBodyBlock[] = section.heading ? [{ level: 1, prefix: `${chineseNumeral((sectionNo += 1))}、`, text: plainText(section.headingPieces) }] : [];
    return [...heading, ...section.paragraphs.map((paragraph): DocumentBodyBlock => ({ level: 0, prefix: '', text: plainText(paragraph.pieces) }))];
  });
  return {
    format: 'plain',
    issuerMark: '',
    title: plainText(summary.titlePieces),
    body,
    attachmentNotes: [],
    signature: summary.organName,
    writtenOn: chineseDate(today),
    printedBy: summary.organName,
    printedOn: chineseDate(today),
  };
};

export const summaryDocx = (summary: SummaryView, today: string): Promise<Buffer> => renderOfficialDocx(summaryDocument(summary, today));
