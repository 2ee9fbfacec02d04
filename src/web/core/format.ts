import { getLanguage, t } from '../i18n/index.js';
import type { Named } from './types.js';

const dateOnlyPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Parses an ISO timestamp, or a `YYYY-MM-DD` date as local midnight so it never shifts a day. */
export function parseDate(value: string): Date | null {
  const dateOnly = dateOnlyPattern.exec(value);
  const date = dateOnly
    ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))
    : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Formats a timestamp as `dd/MM/yyyy HH:mm` in Vietnamese, or the British English style. */
export function formatDateTime(value: string | null | undefined): string {
  const date = value ? parseDate(value) : null;
  if (!date) {
    return value ?? '';
  }
  if (getLanguage() === 'vi') {
    const day = `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
    return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }
  return new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

/** Formats a date as `dd/MM/yyyy` in Vietnamese, or the British English style. */
export function formatDate(value: string | null | undefined): string {
  const date = value ? parseDate(value) : null;
  if (!date) {
    return value ?? '';
  }
  if (getLanguage() === 'vi') {
    return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
  }
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(date);
}

/** Formats a number with the separators of the current language. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(getLanguage() === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

export type DueState = 'overdue' | 'due-soon' | 'on-time' | 'none';

/** A task is due soon when its due date is less than this far away. */
const dueSoonMilliseconds = 2 * 24 * 60 * 60 * 1000;

/** Classifies a due date against `now`: overdue, due within two days, or later. */
export function classifyDueDate(dueDate: string | null, now: Date = new Date()): DueState {
  const due = dueDate ? parseDate(dueDate) : null;
  if (!due) {
    return 'none';
  }
  const remaining = due.getTime() - now.getTime();
  if (remaining < 0) {
    return 'overdue';
  }
  return remaining < dueSoonMilliseconds ? 'due-soon' : 'on-time';
}

export type PriorityLevel = 'low' | 'medium' | 'high' | 'critical';

/**
 * Buckets a Zeebe task priority (0 to 100, default 50) into four levels, so the default lands on
 * medium and the 60 to 70 of the approval steps reads as high.
 */
export function priorityLevel(priority: number | null): PriorityLevel {
  const value = priority ?? 50;
  if (value >= 80) {
    return 'critical';
  }
  if (value >= 60) {
    return 'high';
  }
  return value >= 30 ? 'medium' : 'low';
}

/** Returns the translated name of a priority level. */
export function priorityLabel(priority: number | null): string {
  return t(`priority.${priorityLevel(priority)}`);
}

/** Returns the English name in English when the server sent one, else the Vietnamese name. */
export function localName(named: Named): string {
  return getLanguage() === 'en' && named.nameEn ? named.nameEn : named.name;
}
