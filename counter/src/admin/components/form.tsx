/**
 * Small form kit of the administration: labelled inputs, the error line
 * naming the bad field (from the server's `details.field`), save button.
 */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useSignal } from '@preact/signals';
import type { Ref } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ApiFailure } from '@ui/api';
import { t } from '../i18n';

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

/**
 * One form's save: `save` gets the form's data; while it runs `busy` is set,
 * and what it throws becomes the `error` line (cleared on the next try).
 */
export function useSubmit(save: (data: FormData) => Promise<void>) {
  const error = useSignal<FormError | null>(null);
  const busy = useSignal(false);
  const form = useRef<HTMLFormElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const data = new FormData(form.current!);
    busy.value = true;
    error.value = null;
    try {
      await save(data);
    } catch (err) {
      error.value = toFormError(err);
    } finally {
      busy.value = false;
    }
  };
  return { error, busy, form, submit };
}

/** The edit panel: a form titled (and named for screen readers) `title`. */
export function FormPanel(props: {
  title: string;
  formRef: Ref<HTMLFormElement>;
  onSubmit: (e: Event) => void;
  children: ComponentChildren;
}) {
  return (
    <form ref={props.formRef} class="adm-form adm-panel" onSubmit={props.onSubmit} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.children}
    </form>
  );
}

/** Save (reads "saving…" while busy) and cancel. */
export function FormButtons(props: { busy?: boolean; label?: string; onCancel: () => void }) {
  return (
    <div class="adm-buttons">
      <button type="submit" class="adm-primary" disabled={props.busy}>
        {props.busy ? t().saving : (props.label ?? t().save)}
      </button>
      <button type="button" onClick={props.onCancel}>
        {t().cancel}
      </button>
    </div>
  );
}

/** Which row is being edited ('new' for the add form) and the "saved" notice after. */
export function useEditing<T>() {
  const editing = useSignal<T | 'new' | null>(null);
  const notice = useSignal<string | null>(null);
  const edit = (what: T | 'new') => {
    editing.value = what;
    notice.value = null;
  };
  const done = () => {
    editing.value = null;
    notice.value = t().saved;
  };
  return { editing, notice, edit, done };
}

/** An admin section: heading with its "add" button, then the rest. */
export function AdminSection(props: { heading: string; add: string; onAdd: () => void; children: ComponentChildren }) {
  return (
    <section class="adm-section">
      <div class="adm-head">
        <h2>{props.heading}</h2>
        <button type="button" class="adm-primary" onClick={props.onAdd}>
          {props.add}
        </button>
      </div>
      {props.children}
    </section>
  );
}

/**
 * A section's list: the `empty` line when given (nothing to list yet),
 * else the table with `heads` as column headings and the rows as children.
 */
export function AdminTable(props: { heads: ComponentChildren[]; empty?: string | null; children: ComponentChildren }) {
  if (props.empty) return <p class="adm-empty">{props.empty}</p>;
  return (
    <table class="adm-table">
      <thead>
        <tr>
          {props.heads.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
