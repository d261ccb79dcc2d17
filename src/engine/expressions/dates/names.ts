const cache = new Map<string, string>();

function cached(key: string, make: () => string): string {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    cache.set(key, v);
  }
  return v;
}

type Width = 'short' | 'long' | 'narrow';

/** Month name (1-12) in a locale, as Java's MMM/MMMM/MMMMM print it. */
export function monthName(month: number, width: Width, locale: string): string {
  return cached(`M${month}${width}${locale}`, () =>
    new Intl.DateTimeFormat(locale, { month: width, timeZone: 'UTC' }).format(Date.UTC(2001, month - 1, 1)),
  );
}

/** Day name (0 = Sunday) in a locale, as Java's EEE/EEEE/EEEEE print it. */
export function dayName(dayOfWeek: number, width: Width, locale: string): string {
  // 2001-01-07 was a Sunday
  return cached(`E${dayOfWeek}${width}${locale}`, () =>
    new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(Date.UTC(2001, 0, 7 + dayOfWeek)),
  );
}

/** AM/PM marker in a locale. */
export function dayPeriod(hour: number, locale: string): string {
  return cached(`a${hour < 12}${locale}`, () => {
    const parts = new Intl.DateTimeFormat(locale, { hour: 'numeric', hourCycle: 'h12', timeZone: 'UTC' }).formatToParts(
      Date.UTC(2001, 0, 1, hour < 12 ? 9 : 15),
    );
    return parts.find((p) => p.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
  });
}
