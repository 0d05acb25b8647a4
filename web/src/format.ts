/** The deployment's default time zone (API.md): used only when the server sends a time without its own offset. */
export const deploymentTimeZone = 'Asia/Shanghai';

const withOffset = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?(?:\.\d+)?[+-]\d{2}:?\d{2}$/;

/**
 * "2022-09-16 08:35:31": the wall-clock time as the office wrote it, the way bulletins print it. A time with an
 * offset is shown as sent, not converted to the reader's zone, so a reader abroad sees the same 发布时间.
 */
export function wallClock(iso: string, seconds = true): string {
  const match = withOffset.exec(iso);
  if (match) return `${match[1]} ${match[2]}${seconds ? (match[3] ?? ':00') : ''}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: deploymentTimeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}${seconds ? `:${parts.second}` : ''}`;
}

/** "2026-11-24 07:36": the moment as a clock in the given zone (the deployment's) shows it, whatever offset it was sent with. */
export function clockIn(iso: string, timeZone: string = deploymentTimeZone): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "2022年9月16日": the day of a time as sent (its own offset), as a 简报 prints its date. */
export function chineseDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(wallClock(iso));
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : iso;
}

/**
 * The moment as the deployment's clock shows it, whatever offset it was sent with (the audit trail's times come in
 * UTC): the day as a 简报 prints it (2022年9月16日) and the time to the second (08:35:31).
 */
export function dayAndTimeIn(iso: string, timeZone: string = deploymentTimeZone): { day: string; isoDay: string; time: string } | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(date).map((part) => [part.type, part.value]),
  );
  return {
    day: `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日`,
    isoDay: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

const chineseWeekdays = '日一二三四五六';
const englishWeekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const englishMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day (yyyy-MM-dd, already Beijing's) as a roster says it, without the year: "9月16日（周五）" in Chinese,
 * "Fri 16 Sep" in English. The weekday is the calendar's, so no time zone enters.
 */
export function monthDay(day: string, language: 'zh-CN' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const weekday = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  return language === 'en'
    ? `${englishWeekdays[weekday]} ${date} ${englishMonths[month - 1]}`
    : `${month}月${date}日（周${chineseWeekdays[weekday]}）`;
}
