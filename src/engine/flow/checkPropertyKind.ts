import type { PropertySpec } from '../tasks/TaskDefinition';
import { parseIsoDuration } from './parseIsoDuration';
import { isExpression, isMapValue } from './Problems';

/**
 * Whether a value has the shape a property spec asks for. Returns null when it
 * does, else the word for what was expected (see WORDS in errorMessages.ts).
 * A Pebble expression is accepted wherever a scalar is: it is rendered later.
 */
export function checkPropertyKind(value: unknown, spec: Pick<PropertySpec, 'kind'>): string | null {
  const expr = isExpression(value);
  switch (spec.kind) {
    case 'string':
      return typeof value === 'object' && value !== null ? 'string' : null;
    case 'number':
      return typeof value === 'number' || expr ? null : 'number';
    case 'boolean':
      return typeof value === 'boolean' || expr ? null : 'boolean';
    case 'list':
      return Array.isArray(value) || expr ? null : 'list';
    case 'tasks':
      return Array.isArray(value) ? null : 'task-list';
    case 'map':
      return isMapValue(value) || expr ? null : 'map';
    case 'string-or-list':
      return isMapValue(value) ? 'string-or-list' : null;
    case 'duration':
      return expr || (typeof value === 'string' && parseIsoDuration(value)) ? null : 'duration';
    default:
      return null;
  }
}
