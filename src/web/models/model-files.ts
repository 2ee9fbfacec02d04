import { h } from '../core/dom.js';

/** Saves text as a file through the browser's download, without a round trip to the server. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = h('a', { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns, so the address may go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Renders a button that opens the file picker and passes the chosen file to `onFile`. */
export function fileButton(
  label: string,
  accept: string,
  onFile: (file: File) => Promise<void>,
): HTMLElement {
  const input = h('input', { type: 'file', accept, hidden: true, tabindex: -1 });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    input.value = '';
    if (file) {
      void onFile(file);
    }
  });
  const button = h(
    'button',
    { type: 'button', class: 'button', onclick: () => input.click() },
    label,
  );
  return h('span', { class: 'file-button' }, button, input);
}
