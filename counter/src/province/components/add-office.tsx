import type { OfficeCreatedDto } from '@protocol/province';
import { suggestOfficeCode } from '@ui/office';
import type { ProvinceCatalogue } from '../vi';
import { addOffice, created, draft, editDraft, fieldErrors, formError, saving, type Seed } from '../state';

/**
 * "Thêm cơ quan": code, name, initial data; the server's refusal beside the
 * field it names, and for a refused code the code the officer likely meant.
 */
export function AddOfficeForm(props: { t: ProvinceCatalogue }) {
  const c = props.t.add;
  const d = draft.value;
  const errors = fieldErrors.value;
  // what the officer meant, as a code: from the refused code, or from the name
  const suggestion = suggestOfficeCode(/[\p{L}\d]/u.test(d.code) ? d.code : d.name);
  return (
    <form
      class="add-office"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void addOffice().then((ok) => {
          if (ok) document.getElementById('office-created')?.focus();
        });
      }}
    >
      <div class="field">
        <label for="office-name">{c.name}</label>
        <input
          id="office-name"
          value={d.name}
          placeholder={c.namePlaceholder}
          autoComplete="off"
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={errors.name ? 'office-name-error' : undefined}
          onInput={(e) => editDraft({ name: e.currentTarget.value })}
        />
        {errors.name && (
          <p class="field-error" id="office-name-error" data-testid="error-name">
            {errors.name}
          </p>
        )}
      </div>
      <div class="field">
        <label for="office-code">{c.code}</label>
        <input
          id="office-code"
          class="code-input"
          value={d.code}
          autoComplete="off"
          autoCapitalize="none"
          spellcheck={false}
          maxLength={40}
          aria-invalid={errors.code ? 'true' : undefined}
          aria-describedby={errors.code ? 'office-code-error office-code-hint' : 'office-code-hint'}
          onInput={(e) => editDraft({ code: e.currentTarget.value })}
        />
        {errors.code && (
          <p class="field-error" id="office-code-error" data-testid="error-code">
            {errors.code}
          </p>
        )}
        {errors.code && suggestion && suggestion !== d.code && (
          <p>
            <button type="button" class="suggest" onClick={() => editDraft({ code: suggestion })}>
              {c.useCode(suggestion)}
            </button>
          </p>
        )}
        <p class="hint" id="office-code-hint">
          {c.codeHint}
        </p>
      </div>
      <fieldset class="field seed">
        <legend>{c.seed}</legend>
        {(['none', 'demo'] as Seed[]).map((s) => (
          <label key={s} class="radio">
            <input type="radio" name="seed" value={s} checked={d.seed === s} onChange={() => editDraft({ seed: s })} />
            {s === 'none' ? c.seedNone : c.seedDemo}
          </label>
        ))}
      </fieldset>
      {formError.value && (
        <p class="error" role="alert">
          {formError.value}
        </p>
      )}
      <div>
        <button type="submit" class="primary" disabled={saving.value}>
          {saving.value ? c.busy : c.submit}
        </button>
      </div>
    </form>
  );
}

/** The office just added: its addresses and, once, its administrator's password. */
export function CreatedOffice(props: { t: ProvinceCatalogue; office: OfficeCreatedDto }) {
  const c = props.t.add;
  const o = props.office;
  return (
    <div class="created" id="office-created" tabIndex={-1} role="status" data-testid="office-created">
      <p class="created-title">{c.created(o.name)}</p>
      <dl>
        <dt>{c.address}</dt>
        <dd>
          <code>{o.basePath}/counter/</code> · <code>{o.basePath}/kiosk/</code>
        </dd>
        {o.admin && (
          <>
            <dt>{c.username}</dt>
            <dd>
              <code class="secret" data-testid="created-username">
                {o.admin.username}
              </code>
            </dd>
            <dt>{c.password}</dt>
            <dd>
              <code class="secret" data-testid="created-password">
                {o.admin.password}
              </code>
            </dd>
          </>
        )}
      </dl>
      <p class="once">{o.admin ? c.once(`${o.basePath}/counter/admin`) : c.demoAccounts(`${o.basePath}/counter/`)}</p>
      <button type="button" onClick={() => (created.value = null)}>
        {c.dismiss}
      </button>
    </div>
  );
}
