import { badInput } from './errors.js';

/** Trims and bounds a free-text field; control characters other than newlines and tabs are refused. */
export function text(
  field: string,
  value: string | null | undefined,
  max: number,
  required = false,
): string | null {
  if (value === null || value === undefined) {
    if (required) throw badInput(field, `${field} is required`);
    return null;
  }
  const trimmed = value.trim();
  if (required && trimmed.length === 0) throw badInput(field, `${field} must not be empty`);
  if ([...trimmed].length > max) throw badInput(field, `${field} must be at most ${max} characters`);
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(trimmed)) {
    throw badInput(field, `${field} must not contain control characters`);
  }
  return trimmed.length === 0 ? null : trimmed;
}

export function integerIn(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw badInput(field, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function dateTime(field: string, value: string): string {
  const millis = Date.parse(value);
  if (Number.isNaN(millis)) throw badInput(field, `${field} must be an ISO-8601 date-time`);
  return new Date(millis).toISOString();
}

/** Ids are opaque strings; bounding them keeps hostile input out of the database. */
export function id(field: string, value: string): string {
  if (value.length === 0 || value.length > 128) throw badInput(field, `${field} is not a valid id`);
  return value;
}
