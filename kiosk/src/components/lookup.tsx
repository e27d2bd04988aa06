import { useEffect, useRef } from 'preact/hooks';
import { busy, code, codeFromScan, error, lookup, result } from '../dossier-lookup';
import { t } from '../i18n';
import { config } from '../state';

function formatDue(iso: string): string {
  // the office's wall clock as the server wrote it: "2026-11-27T10:00:00+07:00" → 10:00 27/11/2026
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[4]}:${m[5]} ${m[3]}/${m[2]}/${m[1]}` : iso;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '-', '0', '.'];

/**
 * Dossier status by code: an on-screen keypad (the office code is filled
 * in), or a scanner that types the receipt's QR into the focused field.
 */
export function Lookup({ onBack, initialCode }: { onBack?: () => void; initialCode?: string }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    result.value = null;
    error.value = null;
    const office = config.value?.officeCode;
    code.value = initialCode ? codeFromScan(initialCode) : office ? `${office}-` : '';
    if (initialCode) void lookup(initialCode);
    input.current?.focus();
  }, [initialCode]);
  const r = result.value;
  return (
    <section class="k-screen k-lookup">
      <h1 class="k-title">{t().lookupTitle}</h1>
      <p class="k-note">{t().lookupHelp}</p>
      <form
        class="k-lookup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void lookup(code.value);
        }}
      >
        <label for="dossier-code">{t().lookupLabel}</label>
        <input
          id="dossier-code"
          ref={input}
          value={code.value}
          autocomplete="off"
          autocapitalize="characters"
          spellcheck={false}
          onInput={(e) => (code.value = (e.target as HTMLInputElement).value)}
        />
        <button class="k-primary" type="submit" data-action="lookup-go" disabled={busy.value}>
          {t().lookupButtonGo}
        </button>
      </form>
      {!onBack ? null : (
        <div class="k-keypad" aria-hidden="true">
          {KEYS.map((k) => (
            <button key={k} type="button" tabIndex={-1} onClick={() => (code.value += k)}>
              {k}
            </button>
          ))}
          <button type="button" tabIndex={-1} class="k-key-wide" onClick={() => (code.value = code.value.slice(0, -1))}>
            ⌫ {t().lookupDelete}
          </button>
          <button type="button" tabIndex={-1} class="k-key-wide" onClick={() => (code.value = '')}>
            {t().lookupClear}
          </button>
        </div>
      )}
      {error.value && (
        <p class="k-error" role="alert">
          {error.value}
        </p>
      )}
      {r && (
        <dl class="k-summary k-dossier" data-testid="dossier">
          <dt>{t().lookupLabel}</dt>
          <dd>{r.code}</dd>
          <dt>{t().lookupProcedure}</dt>
          <dd>{r.procedureName}</dd>
          <dt>{t().lookupStatus}</dt>
          <dd data-testid="dossier-status">{t().dossierStatus[r.status] ?? r.statusName}</dd>
          {r.dueAt && (
            <>
              <dt>{t().lookupDue}</dt>
              <dd data-testid="dossier-due">{formatDue(r.dueAt)}</dd>
            </>
          )}
        </dl>
      )}
      {onBack && (
        <button class="k-back" onClick={onBack}>
          ← {t().home}
        </button>
      )}
    </section>
  );
}
