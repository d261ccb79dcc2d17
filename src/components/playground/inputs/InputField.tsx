import type { Translator } from '../i18n';

export interface InputSpecLike {
  id: string;
  type: string;
  displayName?: string;
  description?: string;
  required?: boolean;
  defaults?: unknown;
  values?: unknown[];
  min?: number;
  max?: number;
  [k: string]: unknown;
}

interface Props {
  input: InputSpecLike;
  value: unknown;
  onChange(value: unknown): void;
  error?: string;
  tr: Translator;
  idPrefix: string;
}

const str = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** One input of the Execute form, with the control that fits its Kestra type. */
export function InputField({ input, value, onChange, error, tr, idPrefix }: Props) {
  const id = `${idPrefix}-input-${input.id}`;
  const type = String(input.type ?? 'STRING').toUpperCase();
  const describedBy = [input.description ? `${id}-desc` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, required: input.required !== false };
  const values = (input.values ?? []).map(String);
  const options = values.map((v) => (
    <option key={v} value={v}>
      {v}
    </option>
  ));
  let control: React.ReactNode;
  switch (type) {
    case 'SELECT':
    case 'ENUM':
      if (input.allowCustomValue === true || input.allowInput === true) {
        // Kestra's form lets you type a value of your own here: a text box offering the values
        control = (
          <>
            <input {...common} type="text" list={`${id}-values`} value={str(value)} autoComplete="off" title={tr.t('inputs.customValue')} onChange={(e) => onChange(e.target.value)} />
            <datalist id={`${id}-values`}>{options}</datalist>
          </>
        );
        break;
      }
      control = (
        <select {...common} value={str(value)} onChange={(e) => onChange(e.target.value)}>
          {input.required === false || value === undefined ? <option value="">—</option> : null}
          {options}
        </select>
      );
      break;
    case 'MULTISELECT': {
      const selected = Array.isArray(value) ? value.map(String) : [];
      control = (
        <select {...common} multiple value={selected} size={Math.min(values.length, 6)} onChange={(e) => onChange([...e.target.selectedOptions].map((o) => o.value))}>
          {options}
        </select>
      );
      break;
    }
    case 'INT':
    case 'FLOAT':
      control = (
        <input
          {...common}
          type="number"
          step={type === 'INT' ? 1 : 'any'}
          min={typeof input.min === 'number' ? input.min : undefined}
          max={typeof input.max === 'number' ? input.max : undefined}
          value={str(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
      break;
    case 'BOOLEAN':
      control = (
        <input {...common} required={false} type="checkbox" role="switch" checked={value === true || value === 'true'} onChange={(e) => onChange(e.target.checked)} />
      );
      break;
    case 'DATE':
      control = <input {...common} type="date" value={str(value).slice(0, 10)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'DATETIME':
      control = (
        <input
          {...common}
          type="datetime-local"
          step={1}
          value={str(value).replace(/Z$/, '').slice(0, 19)}
          onChange={(e) => onChange(e.target.value ? `${e.target.value.length === 16 ? e.target.value + ':00' : e.target.value}Z` : '')}
        />
      );
      break;
    case 'TIME':
      control = <input {...common} type="time" step={1} value={str(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'JSON':
    case 'ARRAY':
      control = <textarea {...common} className="pg-code-input" rows={4} spellCheck={false} value={str(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'FILE':
      control = <input {...common} type="file" onChange={(e) => onChange(e.target.files?.[0] ?? undefined)} />;
      break;
    case 'SECRET':
      control = <input {...common} type="password" autoComplete="off" value={str(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    case 'URI':
      control = <input {...common} type="url" value={str(value)} onChange={(e) => onChange(e.target.value)} />;
      break;
    default:
      control = (
        <input {...common} type="text" placeholder={type === 'DURATION' ? 'PT1H30M' : undefined} value={str(value)} onChange={(e) => onChange(e.target.value)} />
      );
  }
  return (
    <div className="pg-field" data-input-id={input.id}>
      <label htmlFor={id}>
        {input.displayName || input.id}
        <span className="pg-field-type">
          {type}
          {input.required !== false ? ` · ${tr.t('inputs.required')}` : ''}
        </span>
      </label>
      {control}
      {input.description ? (
        <small id={`${id}-desc`} className="pg-field-desc">
          {input.description}
        </small>
      ) : null}
      {error ? (
        <small id={`${id}-err`} className="pg-field-error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );
}
