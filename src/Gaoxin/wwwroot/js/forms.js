// Behaviour the pages declare with attributes instead of inline handlers (the Content-Security-Policy runs no inline script):
// a control marked data-autosubmit submits its form when its value changes.
document.addEventListener('change', event => {
    const control = event.target;
    if (control instanceof HTMLElement && control.matches('[data-autosubmit]') && control.form) control.form.submit();
});
