// The office's review bar: a button marked data-dialog opens that confirmation dialog (modal, Esc closes it) instead of
// loading the page with the confirmation open, which is what the button does without script.
document.addEventListener('click', event => {
    const opener = event.target instanceof Element ? event.target.closest('[data-dialog]') : null;
    if (!opener) return;
    const dialog = document.getElementById(opener.getAttribute('data-dialog'));
    if (!(dialog instanceof HTMLDialogElement) || typeof dialog.showModal !== 'function') return;
    event.preventDefault();
    if (dialog.open) dialog.close();
    dialog.showModal();
});
