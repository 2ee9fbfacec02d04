type DatePart = 'day' | 'month' | 'year';

/**
 * Reads the order of day, month and year in the browser locale's short date, which form-js's date
 * picker uses as its input format (`dd/MM/yyyy` in Vietnamese, `MM/dd/yyyy` in American English).
 */
function localeDateOrder(): DatePart[] {
  const parts = new Intl.DateTimeFormat('default').formatToParts(new Date(Date.UTC(2020, 5, 5)));
  return parts
    .map((part) => part.type)
    .filter((type): type is DatePart => type === 'day' || type === 'month' || type === 'year');
}

/** Returns the input format of the date picker for messages, such as `dd/mm/yyyy`. */
export function readableDateFormat(): string {
  const names: Record<DatePart, string> = { day: 'dd', month: 'mm', year: 'yyyy' };
  return localeDateOrder()
    .map((part) => names[part])
    .join('/');
}

/**
 * Tells whether typed text names a real calendar date in the picker's format. flatpickr rolls an
 * impossible date such as 32/13/2026 over into a real one without a warning.
 */
export function isRealTypedDate(text: string): boolean {
  const numbers = text.trim().split(/\D+/).filter(Boolean);
  const order = localeDateOrder();
  if (numbers.length !== 3 || order.length !== 3) return false;

  const value = (part: DatePart): number => Number(numbers[order.indexOf(part)]);
  const yearText = numbers[order.indexOf('year')];
  const year = yearText.length === 2 ? 2000 + value('year') : value('year');
  const month = value('month');
  const day = value('day');
  if (yearText.length !== 2 && yearText.length !== 4) return false;
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

/** The part of a flatpickr instance that the guard replaces; form-js keeps it on `input._flatpickr`. */
interface Flatpickr {
  setDate(date: unknown, triggerChange?: boolean, format?: string): void;
}

type PickerInput = HTMLInputElement & { _flatpickr?: Flatpickr };

/**
 * Stops impossible dates typed into form-js date inputs before flatpickr reads them. flatpickr
 * parses typed text through its instance's `setDate` on Enter, on blur and when focus moves
 * elsewhere, so the guard wraps that method on each date input, now and as form-js renders more.
 * `report` gets the rejected text, or null once the input is empty or valid. Returns a function
 * that stops watching for new inputs.
 */
export function guardTypedDates(
  container: HTMLElement,
  report: (input: HTMLInputElement, rejected: string | null) => void,
): () => void {
  const guarded = new WeakSet<Flatpickr>();
  const guard = (input: PickerInput): void => {
    const picker = input._flatpickr;
    if (!picker || guarded.has(picker)) return;
    guarded.add(picker);
    const setDate = picker.setDate.bind(picker);
    picker.setDate = (date, triggerChange, format) => {
      if (typeof date === 'string') {
        const text = date.trim();
        if (text !== '' && !isRealTypedDate(text)) {
          report(input, text);
          return;
        }
        report(input, null);
      }
      setDate(date, triggerChange, format);
    };
  };
  const guardAll = (): void => {
    container.querySelectorAll<PickerInput>('.fjs-datepicker input').forEach(guard);
  };
  const observer = new MutationObserver(guardAll);
  observer.observe(container, { childList: true, subtree: true });
  guardAll();
  return () => observer.disconnect();
}
