/**
 * The 会议通知 as a GB/T 9704 信函 (letter head: the office's name, red double rules), through the shared
 * renderer: time, place, who attends, the agenda as set, and the 回执 request.
 */
import type { MeetingDetail } from '../../../../common/schemas/meeting.js';
import { chineseDate } from '../../../../common/documents/official.js';
import type { DocumentBodyParagraph, OfficialDocumentModel } from '../../platform/documents/document.types.js';
import { renderOfficialDocx } from '../../platform/documents/render-docx.js';
import type { MeetingFields } from './meeting.types.js';

const shanghai = (iso: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', weekday: 'short', hour12: false })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}年${parts.month}月${parts.day}日（${parts.weekday}）${parts.hour}:${parts.minute}`;
};

const paragraph = (text: string, level: DocumentBodyParagraph['level'] = 0, prefix = ''): DocumentBodyParagraph => ({ level, prefix, text });

/** The notice's model, pure: the office's name signs it, `today` (YYYY-MM-DD) dates it. */
export const meetingNoticeModel = (detail: MeetingDetail, organ: string, today: string): OfficialDocumentModel => {
  const fields = detail.meeting.fields as MeetingFields;
  const items = detail.items.filter((item) => fields.agenda.includes(item.id));
  const place = detail.roomName ?? fields.location ?? '另行通知';
  const body: DocumentBodyParagraph[] = [
    paragraph(`经研究，定于${shanghai(fields.startsAt)}召开${fields.subject}。现将有关事项通知如下：`),
    paragraph('会议时间', 1, '一、'),
    paragraph(`${shanghai(fields.startsAt)}，会期至${shanghai(fields.endsAt).slice(-5)}。`),
    paragraph('会议地点', 1, '二、'),
    paragraph(`${place}。`),
    paragraph('参会人员', 1, '三、'),
    paragraph(`${[detail.leaders.map((leader) => leader.name).join('、'), detail.units.map((unit) => `${unit.name}主要负责同志`).join('、')].filter(Boolean).join('；')}。`),
  ];
  if (items.length > 0) {
    body.push(paragraph('会议议题', 1, '四、'));
    items.forEach((item, index) => body.push(paragraph(`${item.title}（${item.unitName ?? ''}汇报）。`, 2, `（${'一二三四五六七八九十'[index] ?? index + 1}）`)));
  }
  body.push(paragraph('有关要求', 1, items.length > 0 ? '五、' : '四、'));
  body.push(paragraph('请各参会单位于会前在府办系统中填写回执，注明参会人员姓名；主要负责同志因故不能参会的，须写明原因和代会人员。参会人员提前 10 分钟到场，扫描会场二维码签到。'));
  return {
    format: 'letter',
    issuerMark: organ,
    title: `关于召开${fields.subject}的通知`,
    mainTo: detail.units.length > 0 ? `${detail.units.map((unit) => unit.name).join('、')}：` : undefined,
    body,
    attachmentNotes: [],
    signature: organ,
    writtenOn: chineseDate(today),
    printedBy: organ,
    printedOn: chineseDate(today),
  };
};

export const renderMeetingNotice = (detail: MeetingDetail, organ: string, today: string): Promise<Buffer> => renderOfficialDocx(meetingNoticeModel(detail, organ, today));
