/**
 * 收到申请之日 by channel (《政府信息公开条例》第三十一条): in person, the day it was handed in; by post,
 * the day the office signed for it (a 平常信函 nobody signs for: the day it is confirmed with the applicant); online or by the 公开工作机构's fax, the day both sides confirm it
 * (第三十一条第（三）项 puts the two together). The value carries its reason, so a clock started
 * from it explains itself.
 */
import { validationError } from '../../platform/errors.js';
import type { ClockFieldValue } from './clock.types.js';

export type ApplicationChannel = 'in_person' | 'post' | 'online' | 'fax';

const confirmedChannel: Record<'online' | 'fax', string> = { online: '通过互联网渠道提交', fax: '通过政府信息公开工作机构的传真提交' };

const basis = '《政府信息公开条例》第三十一条';

export const receivedAt = ({
  channel,
  submittedAt,
  signedForAt,
  confirmedAt,
}: {
  channel: ApplicationChannel;
  submittedAt?: string | null;
  signedForAt?: string | null;
  confirmedAt?: string | null;
}): ClockFieldValue => {
  if (channel === 'in_person') {
    if (!submittedAt) throw validationError('当面提交的申请须填写提交日期');
    return { at: submittedAt, why: `当面提交，以提交之日 ${submittedAt} 为收到申请之日（${basis}）` };
  }
  if (channel === 'post') {
    const sent = submittedAt ? `${submittedAt} 寄出，` : '';
    // 第三十一条第（二）项: a 平常信函 nobody signs for is confirmed with the applicant the day it arrives, and that day counts.
    if (!signedForAt && confirmedAt) return { at: confirmedAt, why: `以平常信函等无需签收的方式邮寄，${sent}以与申请人确认之日 ${confirmedAt} 为收到申请之日（${basis}）` };
    if (!signedForAt) throw validationError('以邮寄方式提交的申请须填写签收日期');
    return { at: signedForAt, why: `以邮寄方式提交，${sent}以签收之日 ${signedForAt} 为收到申请之日（${basis}）` };
  }
  if (!confirmedAt) throw validationError(`${confirmedChannel[channel]}的申请须填写双方确认日期`);
  return { at: confirmedAt, why: `${confirmedChannel[channel]}，以双方确认之日 ${confirmedAt} 为收到申请之日（${basis}）` };
};
