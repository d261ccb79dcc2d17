import type { Flow, InputSpec } from '../flow/Flow';
import { formatMessage } from '../flow/errorMessages';
import { coerceInput, showValue } from './coerceInput';
import { InputValueError } from './InputValueError';

export interface InputError {
  id: string;
  /** See errorMessages.ts; translate with formatFlowError(error, 'zh-TW'). */
  code: string;
  params: Record<string, string>;
  /** English. */
  message: string;
}

/** File bytes as the browser gives them (a File or Blob) or already read. */
export type FileData = Blob | Uint8Array | ArrayBuffer;

export interface ResolveInputsOptions {
  /**
   * Saves a FILE input's bytes in internal storage and returns its
   * `kestra://` URI. Without it, FILE inputs only accept `kestra://` URIs.
   */
  storeFile?: (inputId: string, fileName: string, data: Uint8Array) => Promise<string>;
  /** Reads a local path given on the command line for a FILE input. */
  readLocalFile?: (path: string) => Promise<Uint8Array>;
  /**
   * Renders a default that holds an expression (Kestra 0.24+ renders input
   * defaults). Without it, defaults are taken literally, as in Kestra 0.20,
   * the version the course uses.
   */
  renderDefault?: (template: string) => unknown;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Turns the values a learner gave (strings from the command line, typed values
 * or files from the browser form) into the typed `inputs` of an execution, as
 * Kestra does: a missing value takes the default, a required input must end
 * with a value, each value is parsed to its input's type and checked against
 * its rules. Ids with dots nest (`a.b` → `inputs.a.b`). Every problem is
 * reported at once.
 */
export async function resolveInputs(
  flow: Flow,
  given: Record<string, unknown>,
  options: ResolveInputsOptions = {},
): Promise<{ values: Record<string, unknown>; errors: InputError[] }> {
  const flat: Record<string, unknown> = {};
  const errors: InputError[] = [];
  const fail = (id: string, code: string, params: Record<string, string>) =>
    errors.push({ id, code, params, message: formatMessage(code, params, 'en') });

  for (const input of (Array.isArray(flow.inputs) ? flow.inputs : []) as InputSpec[]) {
    const id = input && typeof input === 'object' ? (input.id ?? input.name) : undefined;
    if (typeof id !== 'string') continue;
    const spec: InputSpec = { ...input, id, type: String(input.type ?? 'STRING') };
    let raw = Object.prototype.hasOwnProperty.call(given, id) ? given[id] : undefined;
    // a required input whose default is '' is given '' (Kestra InputsTest#inputFlow, inputs.yaml `empty`)
    const emptyDefault = spec.defaults === '' && isEmpty(raw);
    if (isEmpty(raw)) {
      raw = spec.defaults;
      if (typeof raw === 'string' && raw.includes('{{') && options.renderDefault) {
        try {
          raw = options.renderDefault(raw);
        } catch (e) {
          fail(id, 'input-type', { id, type: spec.type, value: raw as string, detail: (e as Error).message });
          continue;
        }
      }
    }
    if (emptyDefault && (spec.type === 'STRING' || spec.type === 'SECRET' || spec.type === 'EMAIL' || spec.type === 'URI')) {
      flat[id] = '';
      continue;
    }
    if (isEmpty(raw)) {
      if (spec.required !== false) fail(id, 'input-required', { id });
      else flat[id] = null;
      continue;
    }
    try {
      if (spec.type === 'FILE') raw = await toStoredFile(spec, raw, options);
      flat[id] = coerceInput(spec, raw);
    } catch (e) {
      if (e instanceof InputValueError) fail(id, e.code, e.params);
      else fail(id, 'input-file', { id, value: showValue(raw instanceof Blob ? fileName(raw, id) : raw), detail: (e as Error).message });
    }
  }
  return { values: nest(flat), errors };
}

async function toStoredFile(input: InputSpec, raw: unknown, options: ResolveInputsOptions): Promise<unknown> {
  const id = input.id;
  if (typeof raw === 'string' && raw.startsWith('kestra://')) return raw;
  if (!options.storeFile) return raw; // coerceInput reports a wrong value
  if (typeof raw === 'string') {
    if (!options.readLocalFile) return raw;
    const bytes = await options.readLocalFile(raw);
    return options.storeFile(id, raw.split(/[\\/]/).pop() || id, bytes);
  }
  if (raw instanceof Uint8Array) return options.storeFile(id, id, raw);
  if (raw instanceof ArrayBuffer) return options.storeFile(id, id, new Uint8Array(raw));
  if (typeof Blob !== 'undefined' && raw instanceof Blob) {
    return options.storeFile(id, fileName(raw, id), new Uint8Array(await raw.arrayBuffer()));
  }
  return raw;
}

function fileName(blob: Blob, fallback: string): string {
  const name = (blob as Blob & { name?: unknown }).name;
  return typeof name === 'string' && name ? name : fallback;
}

/** Kestra's handleNestedInputs: `a.b: 1` becomes `{ a: { b: 1 } }`. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let target = out;
    for (const p of parts.slice(0, -1)) {
      const next = target[p];
      target = (next && typeof next === 'object' && !Array.isArray(next) ? next : (target[p] = {})) as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}
