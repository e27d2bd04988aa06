/** Office details and reception hours. */
import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { OfficeBody } from '@protocol/admin';
import { t } from '../i18n';
import { adminApi, office, reload } from '../state';
import { Check, ErrorLine, Input, Notice, Select, toFormError, type FormError } from './form';

export function OfficeSection() {
  const o = office.value;
  const error = useSignal<FormError | null>(null);
  const notice = useSignal<string | null>(null);
  const busy = useSignal(false);
  const saturday = useSignal<boolean | null>(null);
  const priorityStep = useSignal<boolean | null>(null);
  const form = useRef<HTMLFormElement>(null);
  if (!o) return <p>{t().loading}</p>;
  const c = t().office;

  const submit = async (e: Event) => {
    e.preventDefault();
    const d = new FormData(form.current!);
    const s = (k: string) => String(d.get(k) ?? '');
    const body: OfficeBody = {
      name: s('name'),
      parentName: s('parentName'),
      level: s('level') as OfficeBody['level'],
      code: s('code'),
      address: s('address'),
      timeZone: s('timeZone'),
      morning: { start: s('morningStart'), end: s('morningEnd') },
      afternoon: { start: s('afternoonStart'), end: s('afternoonEnd') },
      saturdayMorning: d.get('saturdayMorning') === 'on',
      formSet: s('formSet') === '2018' ? '2018' : '2025',
      formFooter: s('formFooter'),
      dossierSystemCode: s('dossierSystemCode').toUpperCase(),
      kioskPriorityStep: d.get('kioskPriorityStep') === 'on',
      targets: {
        waitMinutes: Number(s('targetWait')),
        serviceMinutes: Number(s('targetService')),
        maxQueueLength: s('maxQueueLength').trim() === '' ? null : Number(s('maxQueueLength')),
        pauseMinutes: Number(s('pauseMinutes')),
      },
    };
    busy.value = true;
    error.value = null;
    notice.value = null;
    try {
      await adminApi('PUT', '/api/admin/office', body);
      await reload.office();
      notice.value = t().saved;
    } catch (err) {
      const fe = toFormError(err);
      // the server names "morning.end"; the inputs are morningEnd
      if (fe.field) fe.field = fe.field.replace(/\.(\w)/, (_m, ch: string) => ch.toUpperCase());
      error.value = fe;
    } finally {
      busy.value = false;
    }
  };

  return (
    <section class="adm-section">
      <h2>{c.heading}</h2>
      <form ref={form} class="adm-form" onSubmit={submit} key={JSON.stringify(o)}>
        <div class="adm-grid">
          <Input label={c.name} name="name" defaultValue={o.name} error={error.value} />
          <Input label={c.parentName} name="parentName" defaultValue={o.parentName} error={error.value} />
          <Select label={c.level} name="level" value={o.level} error={error.value}>
            <option value="huyen">{c.levels.huyen}</option>
            <option value="xa">{c.levels.xa}</option>
          </Select>
          <Input label={c.code} name="code" defaultValue={o.code} error={error.value} />
          <Input label={c.address} name="address" defaultValue={o.address} error={error.value} class="adm-wide" />
          <Input label={c.timeZone} name="timeZone" defaultValue={o.timeZone} error={error.value} />
        </div>
        <fieldset class="adm-fieldset">
          <legend>{c.hours}</legend>
          <div class="adm-hours">
            <strong>{c.morning}</strong>
            <Input label={c.from} name="morningStart" type="time" defaultValue={o.morning.start} error={error.value} />
            <Input label={c.to} name="morningEnd" type="time" defaultValue={o.morning.end} error={error.value} />
            <strong>{c.afternoon}</strong>
            <Input
              label={c.from}
              name="afternoonStart"
              type="time"
              defaultValue={o.afternoon.start}
              error={error.value}
            />
            <Input label={c.to} name="afternoonEnd" type="time" defaultValue={o.afternoon.end} error={error.value} />
          </div>
          <Check
            label={c.saturdayMorning}
            name="saturdayMorning"
            checked={saturday.value ?? o.saturdayMorning}
            onChange={(v) => (saturday.value = v)}
          />
        </fieldset>
        <fieldset class="adm-fieldset">
          <legend>{c.forms}</legend>
          <Select label={c.formSet} name="formSet" value={o.formSet} error={error.value}>
            <option value="2025">{c.formSets['2025']}</option>
            <option value="2018">{c.formSets['2018']}</option>
          </Select>
          <Input
            label={c.formFooter}
            name="formFooter"
            defaultValue={o.formFooter}
            maxLength={200}
            error={error.value}
            class="adm-wide"
          />
          <Input
            label={c.dossierSystemCode}
            name="dossierSystemCode"
            defaultValue={o.dossierSystemCode}
            maxLength={2}
            hint={c.dossierSystemCodeHint}
            error={error.value}
          />
        </fieldset>
        <fieldset class="adm-fieldset">
          <legend>{c.targets}</legend>
          <div class="adm-grid">
            <Input
              label={c.targetWait}
              name="targetWait"
              type="number"
              min={1}
              defaultValue={String(o.targets.waitMinutes)}
              error={error.value}
            />
            <Input
              label={c.targetService}
              name="targetService"
              type="number"
              min={1}
              defaultValue={String(o.targets.serviceMinutes)}
              error={error.value}
            />
            <Input
              label={c.maxQueueLength}
              name="maxQueueLength"
              type="number"
              min={1}
              defaultValue={String(o.targets.maxQueueLength ?? '')}
              error={error.value}
            />
            <Input
              label={c.pauseMinutes}
              name="pauseMinutes"
              type="number"
              min={1}
              defaultValue={String(o.targets.pauseMinutes)}
              error={error.value}
            />
          </div>
        </fieldset>
        <Check
          label={c.kioskPriorityStep}
          name="kioskPriorityStep"
          checked={priorityStep.value ?? o.kioskPriorityStep}
          onChange={(v) => (priorityStep.value = v)}
        />
        <ErrorLine error={error.value} form={form.current} />
        <Notice text={notice.value} />
        <div class="adm-buttons">
          <button type="submit" class="adm-primary" disabled={busy.value}>
            {busy.value ? t().saving : t().save}
          </button>
        </div>
      </form>
    </section>
  );
}
