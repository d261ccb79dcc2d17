import { MISSING, NativeFunction, PyObject, str } from '../jinja/values';

const STRING_TYPES = ['text', 'character varying', 'character', 'varchar'];
const FLOAT_TYPES = ['real', 'float4', 'float', 'double precision', 'float8', 'double'];
const INTEGER_TYPES = ['smallint', 'integer', 'bigint', 'smallserial', 'serial', 'bigserial', 'int2', 'int4', 'int8'];
const NUMERIC_TYPES = ['numeric', 'decimal'];

/** dbt's `Column.translate_type`: only STRING changes (to TEXT), as in dbt-adapters. */
export function translateType(dtype: string): string {
  return dtype.toUpperCase() === 'STRING' ? 'TEXT' : dtype;
}

export function numericType(dtype: string, precision: unknown, scale: unknown): string {
  if (precision === null || precision === undefined || scale === null || scale === undefined) return dtype;
  return `${dtype}(${str(precision)},${str(scale)})`;
}

export function stringType(size: number): string {
  return `character varying(${size})`;
}

/** dbt-postgres's Column: a name and a type as information_schema reports them. */
export class Column extends PyObject {
  readonly typeName = 'PostgresColumn';
  constructor(
    readonly column: string,
    readonly dtype: string,
    readonly charSize: number | null = null,
    readonly numericPrecision: number | null = null,
    readonly numericScale: number | null = null,
  ) {
    super();
  }
  isString(): boolean {
    return STRING_TYPES.includes(this.dtype.toLowerCase());
  }
  isNumeric(): boolean {
    return NUMERIC_TYPES.includes(this.dtype.toLowerCase());
  }
  isInteger(): boolean {
    return INTEGER_TYPES.includes(this.dtype.toLowerCase());
  }
  isFloat(): boolean {
    return FLOAT_TYPES.includes(this.dtype.toLowerCase());
  }
  /** What DDL writes: text stays text, varchar(n) keeps its size, numeric its precision. */
  get dataType(): string {
    const d = this.dtype.toLowerCase();
    if (d === 'text' || (d === 'character varying' && this.charSize === null)) return this.dtype;
    if (this.isString()) return stringType(this.charSize ?? 256);
    if (this.isNumeric()) return numericType(this.dtype, this.numericPrecision, this.numericScale);
    return this.dtype;
  }
  toStr(): string {
    return `<Column ${this.column} (${this.dataType})>`;
  }
  toPlain(): unknown {
    return { name: this.column, data_type: this.dataType };
  }
  getAttr(name: string): unknown {
    switch (name) {
      case 'name':
      case 'column':
        return this.column;
      case 'dtype':
        return this.dtype;
      case 'data_type':
      case 'expanded_data_type':
        return this.dataType;
      case 'char_size':
        return this.charSize;
      case 'numeric_precision':
        return this.numericPrecision;
      case 'numeric_scale':
        return this.numericScale;
      case 'quoted':
        return `"${this.column}"`;
      case 'is_string':
        return new NativeFunction('is_string', () => this.isString());
      case 'is_number':
        return new NativeFunction('is_number', () => this.isString() === false && (this.isInteger() || this.isNumeric() || this.isFloat()));
      case 'is_integer':
        return new NativeFunction('is_integer', () => this.isInteger());
      case 'is_numeric':
        return new NativeFunction('is_numeric', () => this.isNumeric());
      case 'is_float':
        return new NativeFunction('is_float', () => this.isFloat());
      case 'string_size':
        return new NativeFunction('string_size', () => this.charSize ?? 256);
      case 'can_expand_to':
        return new NativeFunction('can_expand_to', (c) => {
          const other = c.args[0];
          return other instanceof Column && this.isString() && other.isString() && (this.charSize ?? 0) < (other.charSize ?? 0);
        });
      case 'literal':
        return new NativeFunction('literal', (c) => `${str(c.args[0])}::${this.dataType}`);
    }
    return MISSING;
  }
}
