/**
 * Every date-time the web shows or takes is Beijing time, whatever zone the browser's machine is set to
 * (common/office-time.ts holds the arithmetic, time-values.ts the dayjs side). Pages format through here and
 * use this module's DatePicker: its values are dayjs objects in the browser's zone whose fields read Beijing
 * wall-clock time, so what a clerk sees in the picker is what the office means, and `fromPickerValue` turns it
 * into the instant.
 */
import { DatePicker as AntDatePicker } from 'antd';
import dayjsGenerateConfig from '@rc-component/picker/generate/dayjs';
import type { Dayjs } from 'dayjs';
import { officeNow } from './time-values.js';

export * from './time-values.js';

/**
 * antd's DatePicker with the office's "now": its 此刻 / 今天 buttons and today's mark follow Beijing time,
 * as the values around them do. Pages import DatePicker from here, never from antd.
 */
export const DatePicker = AntDatePicker.generatePicker<Dayjs>({ ...dayjsGenerateConfig, getNow: officeNow });
