/** 办会: meetings, rooms, 议题 and their agenda, as records beside cases. */
import { meetingRecordTypes } from './meeting.types.js';

export const meetingModule = { recordTypes: meetingRecordTypes };
