/**
 * Positions and steps of a clock. A clock counts in one of two families: dates (workday, day,
 * month: positions are epoch days) or instants (minute, hour, workhour: positions are Shanghai
 * local minutes). Every step a clock takes — its period, a pause not counted, an extension —
 * is an `advance` in its family.
 */
import type { Calendar } from '../calendar/calendar.js';
import { addMonths, fromEpochDay, toEpochDay } from '../calendar/dates.js';
import {
  addWorkingMinutes,
  formatLocalMinute,
  toLocalMinute,
  workingMinutesBetween,
  type OfficeHours,
} from '../calendar/working-hours.js';
import { validationError } from '../../platform/errors.js';
import { isDayUnit, type ClockUnit, type MeasureUnit } from './clock.types.js';

export type Counter = {
  isDays: boolean;
  /** The position of an event or field value ('YYYY-MM-DD' or an ISO instant). */
  positionOf: (at: string) => number;
  format: (position: number) => string;
  /** The date of a position, for calendar questions. */
  dateOf: (position: number) => string;
  advance: (position: number, amount: number, unit: ClockUnit | MeasureUnit) => number;
  /** The unit a pause is measured in, and the measure of (from, to]. */
  measureUnit: MeasureUnit;
  measure: (from: number, to: number) => number;
};

const DAY_MINUTES = 1440;

const sameFamily = (clock: ClockUnit, other: ClockUnit | MeasureUnit): boolean => {
  const otherIsDays = other === 'workday' || other === 'day' || other === 'month';
  return isDayUnit(clock) === otherIsDays;
};

/** Refuses a cap or extension in the other family: 3 working hours cannot extend a 20-day period. */
export const checkSameFamily = (clock: ClockUnit, other: ClockUnit, what: string): void => {
  if (!sameFamily(clock, other)) throw validationError(`${what}的单位须与期限同为按日或按时计算`);
};

export const counterFor = ({ unit, calendar, officeHours }: { unit: ClockUnit; calendar: Calendar; officeHours: OfficeHours }): Counter => {
  if (isDayUnit(unit)) {
    const measureUnit: MeasureUnit = unit === 'workday' ? 'workday' : 'day';
    return {
      isDays: true,
      positionOf: (at) => Math.floor(toLocalMinute(at) / DAY_MINUTES),
      format: fromEpochDay,
      dateOf: fromEpochDay,
      advance: (position, amount, step) => {
        if (amount === 0) return position;
        if (step === 'workday') return toEpochDay(calendar.addWorkdays(fromEpochDay(position), amount));
        if (step === 'month') return toEpochDay(addMonths(fromEpochDay(position), amount));
        if (step === 'day') return position + amount;
        throw validationError(`按日计算的期限不能按 ${step} 推算`);
      },
      measureUnit,
      measure: (from, to) => (measureUnit === 'workday' ? calendar.workdaysBetween(fromEpochDay(from), fromEpochDay(to)) : to - from),
    };
  }
  const measureUnit: MeasureUnit = unit === 'workhour' ? 'workminute' : 'minute';
  return {
    isDays: false,
    positionOf: toLocalMinute,
    format: formatLocalMinute,
    dateOf: (position) => fromEpochDay(Math.floor(position / DAY_MINUTES)),
    advance: (position, amount, step) => {
      if (amount === 0) return position;
      if (step === 'minute') return position + amount;
      if (step === 'hour') return position + amount * 60;
      if (step === 'workhour') return addWorkingMinutes(calendar, officeHours, position, amount * 60);
      if (step === 'workminute') return addWorkingMinutes(calendar, officeHours, position, amount);
      throw validationError(`按时计算的期限不能按 ${step} 推算`);
    },
    measureUnit,
    measure: (from, to) => (measureUnit === 'workminute' ? workingMinutesBetween(calendar, officeHours, from, to) : to - from),
  };
};
