/** Every input type Kestra knows (Type.java / Input.java), with the properties each accepts. */
const COMMON = ['id', 'name', 'type', 'description', 'displayName', 'required', 'defaults', 'dependsOn', 'prefill'];
const SELECT = ['values', 'expression', 'allowCustomValue', 'allowInput', 'isRadio', 'autoSelectFirst'];

export const INPUT_TYPE_PROPERTIES: Record<string, readonly string[]> = {
  STRING: ['validator'],
  INT: ['min', 'max'],
  FLOAT: ['min', 'max'],
  BOOLEAN: [],
  BOOL: [],
  SELECT,
  ENUM: ['values'],
  MULTISELECT: [...SELECT, 'options', 'itemType'],
  DATE: ['after', 'before'],
  DATETIME: ['after', 'before'],
  TIME: ['after', 'before'],
  DURATION: ['min', 'max'],
  JSON: [],
  YAML: [],
  ARRAY: ['itemType'],
  URI: [],
  EMAIL: [],
  SECRET: ['validator'],
  FILE: ['extension', 'allowedFileExtensions'],
};

export const INPUT_TYPES: readonly string[] = Object.keys(INPUT_TYPE_PROPERTIES);

/** The types the inputs form offers; BOOL and ENUM are older spellings. */
export const MAIN_INPUT_TYPES = INPUT_TYPES.filter((t) => t !== 'BOOL' && t !== 'ENUM');

export function inputProperties(type: string): readonly string[] {
  return [...COMMON, ...(INPUT_TYPE_PROPERTIES[type] ?? [])];
}
