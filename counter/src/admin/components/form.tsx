/**
 * Small form kit of the administration: labelled inputs, the error line
 * naming the bad field (from the server's `details.field`), save button.
 */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { ApiFailure } from '@ui/api';

export interface FormError {
  message: string;
  field: string | null;
}

/**
 * A validation error's own words ("Mật khẩu phải có ít nhất 8 ký tự"),
 * without the programmer's field name the server adds for API callers;
 * the form marks the field itself.
 */
export function personMessage(err: ApiFailure): string {
  const issues = err.error.details?.issues;
  if (err.error.code === 'VALIDATION_ERROR' && Array.isArray(issues) && issues.length > 0) {
    const first = issues[0] as { message?: unknown };
    if (typeof first.message === 'string') return first.message;
  }
  return err.message;
}

export function toFormError(err: unknown): FormError {
  if (err instanceof ApiFailure) {
    const field = err.error.details?.field;
    return { message: personMessage(err), field: typeof field === 'string' ? field : null };
  }
  return { message: String(err), field: null };
}

export function Input(
  props: {
    label: string;
    name: string;
    error?: FormError | null;
    hint?: string;
  } & InputHTMLAttributes<HTMLInputElement>,
) {
  const { label, name, error, hint, ...rest } = props;
  const bad = error?.field === name || (error?.field?.startsWith(`${name}.`) ?? false);
  return (
    <label class="adm-input">
      <span>{label}</span>
      <input name={name} aria-label={label} aria-invalid={bad ? 'true' : undefined} {...rest} />
      {hint && <small>{hint}</small>}
    </label>
  );
}

export function Select(props: {
  label: string;
  name: string;
  error?: FormError | null;
  children: ComponentChildren;
  value?: string;
  'aria-label'?: string;
  onChange?: (e: Event & { currentTarget: HTMLSelectElement }) => void;
}) {
  const { label, name, error, children, value, onChange, ...rest } = props;
  // Uncontrolled unless the caller follows changes: a re-render must not reset the choice.
  const own = useSignal(value ?? '');
  return (
    <label class="adm-input">
      <span>{label}</span>
      <select
        name={name}
        aria-label={label}
        aria-invalid={error?.field === name ? 'true' : undefined}
        value={onChange ? value : own.value}
        onChange={(e) => (onChange ? onChange(e) : (own.value = e.currentTarget.value))}
        {...rest}
      >
        {children}
      </select>
    </label>
  );
}

export function Check(props: { label: string; name: string; checked: boolean; onChange?: (v: boolean) => void }) {
  return (
    <label class="adm-check">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange?.(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

/** The error of the last save; focuses the field it names. */
export function ErrorLine(props: { error: FormError | null; form?: HTMLFormElement | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!props.error) return;
    const el = props.error.field
      ? props.form?.querySelector<HTMLElement>(`[name="${props.error.field.split('.')[0]}"]`)
      : null;
    (el ?? ref.current)?.focus();
  }, [props.error]);
  if (!props.error) return null;
  return (
    <p class="adm-error" role="alert" tabIndex={-1} ref={ref}>
      {props.error.message}
    </p>
  );
}

export function Notice(props: { text: string | null }) {
  if (!props.text) return null;
  return (
    <p class="adm-notice" role="status">
      {props.text}
    </p>
  );
}

/** `<input type=number>` value → number, or null when empty. */
export function numberOrNull(v: FormDataEntryValue | null): number | null {
  if (v === null || String(v).trim() === '') return null;
  const n = Number(String(v).replace(',', '.'));
  return Number.isFinite(n) ? n : NaN;
}
