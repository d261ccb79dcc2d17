import type { Translator } from '../i18n';
import { InputField, type InputSpecLike } from './InputField';

interface Props {
  inputs: InputSpecLike[];
  values: Record<string, unknown>;
  onChange(id: string, value: unknown): void;
  errors: Record<string, string>;
  tr: Translator;
  idPrefix: string;
}

/** The Execute form, generated from the flow's `inputs` as Kestra's is: defaults pre-filled, errors beside their field. */
export function InputsForm({ inputs, values, onChange, errors, tr, idPrefix }: Props) {
  if (!inputs.length) return null;
  return (
    <fieldset className="pg-inputs">
      <legend>{tr.t('inputs.legend')}</legend>
      {inputs.map((input) => (
        <InputField
          key={input.id}
          input={input}
          value={values[input.id]}
          onChange={(v) => onChange(input.id, v)}
          error={errors[input.id]}
          tr={tr}
          idPrefix={idPrefix}
        />
      ))}
    </fieldset>
  );
}

/** The starting value of every input: its default, or empty. */
export function initialInputValues(inputs: InputSpecLike[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const i of inputs) {
    const d = i.defaults;
    if (d === undefined || d === null) continue;
    const type = String(i.type).toUpperCase();
    out[i.id] = type === 'JSON' && typeof d !== 'string' ? JSON.stringify(d, null, 2) : type === 'ARRAY' && Array.isArray(d) ? JSON.stringify(d) : d;
  }
  return out;
}
