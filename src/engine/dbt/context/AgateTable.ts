import { JinjaError } from '../jinja/JinjaError';
import { MISSING, NativeFunction, PyObject, str } from '../jinja/values';

class AgateRow extends PyObject {
  readonly typeName = 'Row';
  constructor(
    readonly names: string[],
    readonly values: unknown[],
  ) {
    super();
  }
  getItem(key: unknown): unknown {
    if (typeof key === 'number') {
      const i = key < 0 ? this.values.length + key : key;
      return i >= 0 && i < this.values.length ? this.values[i] : MISSING;
    }
    const i = this.names.indexOf(str(key));
    return i >= 0 ? this.values[i] : MISSING;
  }
  getAttr(name: string): unknown {
    if (name === 'keys') return new NativeFunction('keys', () => [...this.names]);
    if (name === 'values') return new NativeFunction('values', () => [...this.values]);
    if (name === 'items') return new NativeFunction('items', () => this.names.map((n, i) => [n, this.values[i]]));
    if (name === 'dict') return new NativeFunction('dict', () => new Map(this.names.map((n, i) => [n, this.values[i]])));
    return this.getItem(name);
  }
  items(): unknown[] {
    return this.values;
  }
  toStr(): string {
    return `<agate.Row: (${this.values.map((v) => str(v)).join(', ')})>`;
  }
}

class AgateColumn extends PyObject {
  readonly typeName = 'Column';
  constructor(
    readonly name: string,
    readonly data: unknown[],
  ) {
    super();
  }
  getAttr(name: string): unknown {
    if (name === 'name') return this.name;
    if (name === 'values') return new NativeFunction('values', () => [...this.data]);
    if (name === 'values_distinct') return new NativeFunction('values_distinct', () => [...new Set(this.data)]);
    if (name === 'values_without_nulls') return new NativeFunction('values_without_nulls', () => this.data.filter((v) => v !== null));
    return MISSING;
  }
  getItem(key: unknown): unknown {
    if (typeof key === 'number') return this.data[key < 0 ? this.data.length + key : key] ?? MISSING;
    return MISSING;
  }
  items(): unknown[] {
    return this.data;
  }
}

/** The agate Table `run_query()` and `load_result()` give templates: rows, columns, column_names. */
export class AgateTable extends PyObject {
  readonly typeName = 'Table';
  readonly rowObjects: AgateRow[];
  constructor(
    readonly columnNames: string[],
    rows: unknown[][],
  ) {
    super();
    this.rowObjects = rows.map((r) => new AgateRow(columnNames, r));
  }
  static fromRows(rows: Record<string, unknown>[], fields: { name: string }[]): AgateTable {
    const names = fields.map((f) => f.name);
    return new AgateTable(
      names,
      rows.map((r) => names.map((n) => normalize(r[n]))),
    );
  }
  items(): unknown[] {
    return this.rowObjects;
  }
  truthy(): boolean {
    return true;
  }
  getItem(key: unknown): unknown {
    if (typeof key === 'number') return this.rowObjects[key < 0 ? this.rowObjects.length + key : key] ?? MISSING;
    return MISSING;
  }
  getAttr(name: string): unknown {
    switch (name) {
      case 'rows':
        return [...this.rowObjects];
      case 'column_names':
        return [...this.columnNames];
      case 'columns':
        return this.columnNames.map((n, i) => new AgateColumn(n, this.rowObjects.map((r) => r.values[i])));
      case 'print_table':
        return new NativeFunction('print_table', () => null);
      case 'print_csv':
        return new NativeFunction('print_csv', () => null);
      case 'select':
        return new NativeFunction('select', (c) => {
          const keep = (c.args[0] as unknown[]).map((x) => str(x));
          const idx = keep.map((k) => {
            const i = this.columnNames.indexOf(k);
            if (i < 0) throw new JinjaError(`no column named '${k}'`);
            return i;
          });
          return new AgateTable(keep, this.rowObjects.map((r) => idx.map((i) => r.values[i])));
        });
    }
    return MISSING;
  }
  toStr(): string {
    return `<agate.Table: ${this.rowObjects.length} rows, columns ${this.columnNames.join(', ')}>`;
  }
}

/** Query values as agate would hold them: numbers as numbers, timestamps as ISO text, the rest as text. */
function normalize(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return v;
}
