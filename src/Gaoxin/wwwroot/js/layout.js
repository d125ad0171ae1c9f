// Behaviour every page shares, declared without inline script (the Content-Security-Policy runs none).
(function () {
  'use strict';

  // The top navigation (<details class="menu">): a menu button on phones, always open on wider screens. Without this script
  // the <details> element still opens and closes by itself, and the style sheet keeps it open on wide screens; the script
  // adds the button's state for assistive technology (aria-expanded), opens it on wide screens, and closes it with Escape.
  const menu = document.querySelector('details.menu');
  const button = menu && menu.querySelector('summary');
  const wide = window.matchMedia('(min-width: 40.01rem)');
  if (button) {
    const sync = () => button.setAttribute('aria-expanded', menu.open ? 'true' : 'false');
    const fit = () => { menu.open = wide.matches; sync(); };
    menu.addEventListener('toggle', sync);
    wide.addEventListener('change', fit);
    menu.addEventListener('keydown', event => {
      if (event.key === 'Escape' && menu.open && !wide.matches) { menu.open = false; button.focus(); }
    });
    fit();
  }

  // A table or box that scrolls sideways inside itself (phones) can be reached and scrolled with the keyboard.
  const scrollers = 'table.grid, table.entry, table.years, .scroll, .dictionary, pre';
  function reachable() {
    document.querySelectorAll(scrollers).forEach(element => {
      if (element.scrollWidth > element.clientWidth + 1) {
        if (!element.hasAttribute('tabindex')) { element.setAttribute('tabindex', '0'); element.dataset.scrollFocus = 'true'; }
      } else if (element.dataset.scrollFocus) {
        element.removeAttribute('tabindex'); delete element.dataset.scrollFocus;
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', reachable); else reachable();
  window.addEventListener('load', reachable);
  window.addEventListener('resize', reachable);

  // A print button (data-print) opens the browser's print dialog: the page prints on A4 by print.css.
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
})();
