import { JinjaError } from '../jinja/JinjaError';
import { AttrObject, MISSING, NativeFunction, PyObject, str, type CallArgs } from '../jinja/values';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** Python's timedelta (days, seconds, microseconds), held as microseconds. */
export class TimeDelta extends PyObject {
  readonly typeName = 'timedelta';
  constructor(readonly micros: number) {
    super();
  }
  getAttr(name: string): unknown {
    const days = Math.floor(this.micros / 86_400_000_000);
    const rest = this.micros - days * 86_400_000_000;
    if (name === 'days') return days;
    if (name === 'seconds') return Math.floor(rest / 1_000_000);
    if (name === 'microseconds') return rest % 1_000_000;
    if (name === 'total_seconds') return new NativeFunction('total_seconds', () => this.micros / 1_000_000);
    return MISSING;
  }
  toStr(): string {
    const days = Math.floor(this.micros / 86_400_000_000);
    let rest = Math.floor((this.micros - days * 86_400_000_000) / 1_000_000);
    const h = Math.floor(rest / 3600);
    rest -= h * 3600;
    return `${days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ` : ''}${h}:${p2(Math.floor(rest / 60))}:${p2(rest % 60)}`;
  }
  binaryOp(op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof TimeDelta) {
      if (op === '+') return new TimeDelta(this.micros + other.micros);
      if (op === '-') return new TimeDelta(reflected ? other.micros - this.micros : this.micros - other.micros);
    }
    if (typeof other === 'number' && op === '*') return new TimeDelta(this.micros * other);
    return MISSING;
  }
  compareTo(other: unknown): number {
    if (!(other instanceof TimeDelta)) throw new JinjaError('cannot compare a timedelta with another type');
    return this.micros - other.micros;
  }
  equals(other: unknown): boolean {
    return other instanceof TimeDelta && other.micros === this.micros;
  }
}

/** Python's datetime (naive, or UTC-aware) and date, as epoch microseconds in UTC fields. */
export class PyDateTime extends PyObject {
  constructor(
    /** Milliseconds since the epoch, read as UTC fields. */
    readonly ms: number,
    readonly micro: number,
    readonly dateOnly = false,
    readonly utc = false,
  ) {
    super();
  }
  get typeName(): string {
    return this.dateOnly ? 'date' : 'datetime';
  }
  private get d(): Date {
    return new Date(this.ms);
  }
  strftime(fmt: string): string {
    const d = this.d;
    const wd = (d.getUTCDay() + 6) % 7;
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    const doy = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - start) / 86_400_000) + 1;
    return fmt.replace(/%([a-zA-Z%])/g, (_m, c: string) => {
      switch (c) {
        case 'Y':
          return String(d.getUTCFullYear()).padStart(4, '0');
        case 'y':
          return p2(d.getUTCFullYear() % 100);
        case 'm':
          return p2(d.getUTCMonth() + 1);
        case 'd':
          return p2(d.getUTCDate());
        case 'H':
          return p2(d.getUTCHours());
        case 'I':
          return p2(d.getUTCHours() % 12 || 12);
        case 'p':
          return d.getUTCHours() < 12 ? 'AM' : 'PM';
        case 'M':
          return p2(d.getUTCMinutes());
        case 'S':
          return p2(d.getUTCSeconds());
        case 'f':
          return String((d.getUTCMilliseconds() * 1000 + this.micro) % 1_000_000).padStart(6, '0');
        case 'b':
          return MONTHS[d.getUTCMonth()].slice(0, 3);
        case 'B':
          return MONTHS[d.getUTCMonth()];
        case 'a':
          return DAYS[wd].slice(0, 3);
        case 'A':
          return DAYS[wd];
        case 'w':
          return String(d.getUTCDay());
        case 'j':
          return String(doy).padStart(3, '0');
        case 'z':
          return this.utc ? '+0000' : '';
        case 'Z':
          return this.utc ? 'UTC' : '';
        case '%':
          return '%';
      }
      throw new JinjaError(`strftime: unsupported directive %${c}`);
    });
  }
  isoformat(sep = 'T'): string {
    if (this.dateOnly) return this.strftime('%Y-%m-%d');
    const frac = this.d.getUTCMilliseconds() * 1000 + this.micro;
    return this.strftime(`%Y-%m-%d${sep}%H:%M:%S`) + (frac ? '.' + String(frac).padStart(6, '0') : '') + (this.utc ? '+00:00' : '');
  }
  toStr(): string {
    return this.isoformat(' ');
  }
  toPlain(): unknown {
    return this.isoformat();
  }
  getAttr(name: string): unknown {
    const d = this.d;
    switch (name) {
      case 'year':
        return d.getUTCFullYear();
      case 'month':
        return d.getUTCMonth() + 1;
      case 'day':
        return d.getUTCDate();
      case 'hour':
        return this.dateOnly ? MISSING : d.getUTCHours();
      case 'minute':
        return this.dateOnly ? MISSING : d.getUTCMinutes();
      case 'second':
        return this.dateOnly ? MISSING : d.getUTCSeconds();
      case 'microsecond':
        return this.dateOnly ? MISSING : d.getUTCMilliseconds() * 1000 + this.micro;
      case 'tzinfo':
        return this.utc ? UTC : null;
      case 'strftime':
        return new NativeFunction('strftime', (c) => this.strftime(str(c.args[0] ?? '')));
      case 'isoformat':
        return new NativeFunction('isoformat', (c) => this.isoformat(c.args.length ? str(c.args[0]) : 'T'));
      case 'date':
        return new NativeFunction('date', () => new PyDateTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), 0, true));
      case 'weekday':
        return new NativeFunction('weekday', () => (d.getUTCDay() + 6) % 7);
      case 'isoweekday':
        return new NativeFunction('isoweekday', () => ((d.getUTCDay() + 6) % 7) + 1);
      case 'timestamp':
        return new NativeFunction('timestamp', () => this.ms / 1000 + this.micro / 1e6);
      case 'astimezone':
        return new NativeFunction('astimezone', () => new PyDateTime(this.ms, this.micro, this.dateOnly, true));
      case 'replace':
        return new NativeFunction('replace', (c) => {
          const get = (k: string, v: number) => (c.kwargs.has(k) ? Number(c.kwargs.get(k)) : v);
          const utc = c.kwargs.has('tzinfo') ? c.kwargs.get('tzinfo') === UTC : this.utc;
          const ms = Date.UTC(get('year', d.getUTCFullYear()), get('month', d.getUTCMonth() + 1) - 1, get('day', d.getUTCDate()), get('hour', d.getUTCHours()), get('minute', d.getUTCMinutes()), get('second', d.getUTCSeconds()));
          const micro = get('microsecond', d.getUTCMilliseconds() * 1000 + this.micro);
          return new PyDateTime(ms + Math.floor(micro / 1000), micro % 1000, this.dateOnly, utc);
        });
    }
    return MISSING;
  }
  private totalMicros(): number {
    return this.ms * 1000 + this.micro;
  }
  binaryOp(op: string, other: unknown, reflected: boolean): unknown {
    if (other instanceof TimeDelta && (op === '+' || (op === '-' && !reflected))) {
      const t = this.totalMicros() + (op === '+' ? other.micros : -other.micros);
      return new PyDateTime(Math.floor(t / 1000), ((t % 1000) + 1000) % 1000, this.dateOnly, this.utc);
    }
    if (other instanceof PyDateTime && op === '-') {
      return new TimeDelta(reflected ? other.totalMicros() - this.totalMicros() : this.totalMicros() - other.totalMicros());
    }
    return MISSING;
  }
  compareTo(other: unknown): number {
    if (!(other instanceof PyDateTime)) throw new JinjaError(`can't compare ${this.typeName} to another type`);
    return this.totalMicros() - other.totalMicros();
  }
  equals(other: unknown): boolean {
    return other instanceof PyDateTime && other.totalMicros() === this.totalMicros() && other.dateOnly === this.dateOnly;
  }
}

const UTC = new AttrObject('timezone', {}, 'UTC');

export function fromDate(d: Date, utc = false): PyDateTime {
  return new PyDateTime(d.getTime(), 0, false, utc);
}

/** Parses ISO text (`2024-01-31`, `2024-01-31T12:00:00.5`, `… 12:00:00+00:00`). */
function fromIso(text: string, dateOnly: boolean): PyDateTime {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?)?(Z|[+-]\d\d:?\d\d)?$/.exec(text.trim());
  if (!m) throw new JinjaError(`Invalid isoformat string: '${text}'`);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', tz] = m;
  const micro = Number((frac + '000000').slice(0, 6));
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) + Math.floor(micro / 1000);
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.replace(/[^\d]/g, '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return new PyDateTime(ms, micro % 1000, dateOnly, Boolean(tz));
}

/** Python's strptime for the common directives. */
function strptime(text: string, fmt: string): PyDateTime {
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0, f: 0 };
  let re = '^';
  const order: string[] = [];
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] === '%' && i + 1 < fmt.length) {
      const c = fmt[++i];
      const widths: Record<string, string> = { Y: '(\\d{4})', m: '(\\d{1,2})', d: '(\\d{1,2})', H: '(\\d{1,2})', M: '(\\d{1,2})', S: '(\\d{1,2})', f: '(\\d{1,6})', y: '(\\d{2})', j: '(\\d{1,3})' };
      if (c === '%') re += '%';
      else if (widths[c]) {
        re += widths[c];
        order.push(c);
      } else throw new JinjaError(`strptime: unsupported directive %${c}`);
    } else re += fmt[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const m = new RegExp(re + '$').exec(text);
  if (!m) throw new JinjaError(`time data '${text}' does not match format '${fmt}'`);
  order.forEach((c, i) => {
    const v = m[i + 1];
    if (c === 'y') parts.Y = 2000 + Number(v) - (Number(v) > 68 ? 100 : 0);
    else if (c === 'f') parts.f = Number((v + '000000').slice(0, 6));
    else parts[c] = Number(v);
  });
  const ms = Date.UTC(parts.Y, parts.m - 1, parts.d, parts.H, parts.M, parts.S) + Math.floor(parts.f / 1000);
  return new PyDateTime(ms, parts.f % 1000);
}

function timedelta(c: CallArgs): TimeDelta {
  const names = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
  const v: Record<string, number> = {};
  c.args.forEach((a, i) => (v[names[i]] = Number(a)));
  for (const [k, x] of c.kwargs) {
    if (!names.includes(k)) throw new JinjaError(`timedelta() got an unexpected keyword argument '${k}'`);
    v[k] = Number(x);
  }
  const micros = (v.days ?? 0) * 86_400e6 + (v.seconds ?? 0) * 1e6 + (v.microseconds ?? 0) + (v.milliseconds ?? 0) * 1e3 + (v.minutes ?? 0) * 60e6 + (v.hours ?? 0) * 3600e6 + (v.weeks ?? 0) * 7 * 86_400e6;
  return new TimeDelta(Math.round(micros));
}

/** `modules.datetime`: datetime, date, timedelta, timezone. */
export function datetimeModule(now: () => Date): AttrObject {
  const datetimeClass = new AttrObject('type', {
    now: new NativeFunction('datetime.now', (c) => fromDate(now(), c.args[0] === UTC || c.kwargs.get('tz') === UTC)),
    utcnow: new NativeFunction('datetime.utcnow', () => fromDate(now())),
    today: new NativeFunction('datetime.today', () => fromDate(now())),
    strptime: new NativeFunction('datetime.strptime', (c) => strptime(str(c.args[0]), str(c.args[1]))),
    fromisoformat: new NativeFunction('datetime.fromisoformat', (c) => fromIso(str(c.args[0]), false)),
    fromtimestamp: new NativeFunction('datetime.fromtimestamp', (c) => new PyDateTime(Math.floor(Number(c.args[0]) * 1000), 0)),
  });
  const dateClass = new AttrObject('type', {
    today: new NativeFunction('date.today', () => {
      const d = now();
      return new PyDateTime(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), 0, true);
    }),
    fromisoformat: new NativeFunction('date.fromisoformat', (c) => fromIso(str(c.args[0]), true)),
  });
  const callableClass = (base: AttrObject, make: (c: CallArgs) => PyDateTime) =>
    new NativeFunction(base === dateClass ? 'date' : 'datetime', make, Object.fromEntries(['now', 'utcnow', 'today', 'strptime', 'fromisoformat', 'fromtimestamp'].map((k) => [k, base.getAttr(k)]).filter(([, v]) => v !== MISSING)));
  const num = (c: CallArgs, i: number, k: string, d: number) => Number(c.args.length > i ? c.args[i] : c.kwargs.has(k) ? c.kwargs.get(k) : d);
  return new AttrObject('module', {
    datetime: callableClass(datetimeClass, (c) => new PyDateTime(Date.UTC(num(c, 0, 'year', 1970), num(c, 1, 'month', 1) - 1, num(c, 2, 'day', 1), num(c, 3, 'hour', 0), num(c, 4, 'minute', 0), num(c, 5, 'second', 0)), 0, false, c.kwargs.get('tzinfo') === UTC)),
    date: callableClass(dateClass, (c) => new PyDateTime(Date.UTC(num(c, 0, 'year', 1970), num(c, 1, 'month', 1) - 1, num(c, 2, 'day', 1)), 0, true)),
    timedelta: new NativeFunction('timedelta', timedelta),
    timezone: new AttrObject('type', { utc: UTC }),
  }, "<module 'datetime'>");
}
