/**
 * A date field that shows dd/mm/yyyy whatever the browser's language
 * (`<input type="date">` follows the browser: an English Chromium shows
 * mm/dd/yyyy to a Vietnamese clerk). The clerk types "25/11/2026" (or
 * "2026-11-25"); the page receives `yyyy-mm-dd` through `onDate` once the
 * text is a real date, and the field tidies it to dd/mm/yyyy on leaving.
 * Inside a form read with FormData, read the field with `parseTypedDate`.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatTypedDate, parseTypedDate } from '../dates';

export function DateInput(props: {
  /** `yyyy-mm-dd` or '' */
  value?: string;
  onDate?: (iso: string) => void;
  name?: string;
  id?: string;
  class?: string;
  required?: boolean;
  'aria-label'?: string;
  'aria-invalid'?: 'true';
}) {
  const { value, onDate, ...rest } = props;
  const [text, setText] = useState(formatTypedDate(value ?? ''));
  useEffect(() => {
    // the page changed the date (another period chosen): show it, unless it is what is being typed
    if (value !== undefined && parseTypedDate(text) !== value) setText(formatTypedDate(value));
  }, [value]);
  const bad = text.trim() !== '' && parseTypedDate(text) === null;
  return (
    <input
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      autoComplete="off"
      maxLength={10}
      {...rest}
      aria-invalid={bad || rest['aria-invalid'] ? 'true' : undefined}
      value={text}
      onInput={(e) => {
        const t = e.currentTarget.value;
        setText(t);
        const iso = parseTypedDate(t);
        if (iso) onDate?.(iso);
      }}
      onBlur={() => {
        const iso = parseTypedDate(text);
        if (iso) setText(formatTypedDate(iso));
      }}
    />
  );
}
