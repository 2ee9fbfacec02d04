import { h } from './core/dom.js';
import { t } from './i18n/index.js';

// The header is rebuilt on every page, so only the newest menu listens to clicks outside it.
let outsideClick: ((event: MouseEvent) => void) | null = null;

const svgNamespace = 'http://www.w3.org/2000/svg';

function menuIcon(): SVGElement {
  const svg = document.createElementNS(svgNamespace, 'svg');
  svg.setAttribute('class', 'menu-icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(svgNamespace, 'path');
  path.setAttribute('d', 'M3 5h18v2H3zm0 6h18v2H3zm0 6h18v2H3z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/**
 * Creates the button that shows and hides `parts` (the account tools and the navigation) on a
 * phone, where the stylesheet hides them until the button adds the `menu-open` class. On a wide
 * screen the stylesheet hides the button and always shows the parts.
 *
 * As in a disclosure widget, focus stays on the button when the menu opens and Tab moves into the
 * parts, which follow the button in document order. Escape closes the menu and returns focus to
 * the button; focus moving outside the menu, or a click outside it, closes it too.
 */
export function menuToggle(parts: HTMLElement[]): HTMLElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'menu-toggle',
      'aria-expanded': 'false',
      'aria-controls': parts.map((part) => part.id).join(' '),
    },
    menuIcon(),
    h('span', { class: 'visually-hidden' }, t('layout.menu')),
  );
  const menuElements = [button, ...parts];
  const isOpen = () => button.getAttribute('aria-expanded') === 'true';
  const setOpen = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    for (const part of parts) part.classList.toggle('menu-open', open);
  };
  const inMenu = (node: EventTarget | null) =>
    node instanceof Node && menuElements.some((element) => element.contains(node));

  button.addEventListener('click', () => setOpen(!isOpen()));
  for (const element of menuElements) {
    element.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || !isOpen()) return;
      setOpen(false);
      button.focus();
    });
    element.addEventListener('focusout', (event) => {
      // relatedTarget is null when the click lands on something that takes no focus.
      if (isOpen() && event.relatedTarget && !inMenu(event.relatedTarget)) setOpen(false);
    });
  }
  if (outsideClick) document.removeEventListener('click', outsideClick);
  outsideClick = (event) => {
    if (isOpen() && !inMenu(event.target)) setOpen(false);
  };
  document.addEventListener('click', outsideClick);
  return button;
}
