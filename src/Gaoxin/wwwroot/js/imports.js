// Background imports (no inline script: the Content-Security-Policy forbids it).
// 1. A form marked data-job-upload sends its file with a progress bar for the upload itself, then opens the job page.
// 2. The job page (#job) asks the server every second how far the import has got, until it ends, then shows the result.
(() => {
    'use strict';

    const number = n => Number(n).toLocaleString(document.documentElement.lang || undefined);

    function upload(form) {
        form.addEventListener('submit', event => {
            const input = form.querySelector('input[type=file]');
            if (!input || !input.files || input.files.length === 0 || !window.FormData) return; // the browser's own post
            event.preventDefault();
            const bar = document.getElementById('upload-progress');
            const percent = document.getElementById('upload-percent');
            const error = document.getElementById('upload-error');
            const box = document.getElementById('upload-status');
            const button = form.querySelector('button[type=submit]');
            const token = form.querySelector('input[name=__RequestVerificationToken]');
            const data = new FormData();
            data.append('file', input.files[0]);
            const request = new XMLHttpRequest();
            request.open('POST', form.getAttribute('action'));
            request.setRequestHeader('Accept', 'application/json');
            if (token) request.setRequestHeader('RequestVerificationToken', token.value);
            if (box) box.hidden = false;
            if (error) { error.hidden = true; error.textContent = ''; }
            if (button) button.disabled = true;
            request.upload.addEventListener('progress', e => {
                if (!e.lengthComputable) return;
                const p = Math.floor(100 * e.loaded / e.total);
                if (bar) bar.value = p;
                if (percent) percent.textContent = String(p);
            });
            request.addEventListener('load', () => {
                let body = null;
                try { body = JSON.parse(request.responseText); } catch { body = null; }
                if (request.status === 202 && body && body.page) {
                    window.location.assign(body.page);
                    return;
                }
                if (button) button.disabled = false;
                if (error) {
                    error.textContent = (body && (body.title || body.detail)) || (form.dataset.failed || 'Upload failed') + ' (' + request.status + ')';
                    error.hidden = false;
                }
            });
            request.addEventListener('error', () => {
                if (button) button.disabled = false;
                if (error) { error.textContent = form.dataset.failed || 'Upload failed'; error.hidden = false; }
            });
            request.send(data);
        });
    }

    function follow(section) {
        const url = section.dataset.progressUrl;
        const set = (id, text) => { const el = document.getElementById(id); if (el) el.textContent = text; };
        let timer = 0;
        async function poll() {
            let job;
            try {
                const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
                if (!response.ok) { timer = window.setTimeout(poll, 3000); return; }
                job = await response.json();
            } catch {
                timer = window.setTimeout(poll, 3000);
                return;
            }
            const bar = document.getElementById('job-progress');
            if (bar) bar.value = job.percent;
            set('job-percent', Number(job.percent).toFixed(1).replace(/\.0$/, ''));
            set('job-rows-read', number(job.rowsRead));
            set('job-rows-validated', number(job.rowsValidated));
            set('job-time-left', job.timeLeft || '');
            set('job-message', job.message || '');
            const state = document.getElementById('job-state');
            if (state) { state.textContent = job.stateText; state.dataset.state = job.state; }
            section.dataset.state = job.state;
            // At the end the page itself shows the summary or the located errors.
            if (job.finished) { window.location.reload(); return; }
            timer = window.setTimeout(poll, 1000);
        }
        if (section.dataset.finished !== 'true') timer = window.setTimeout(poll, 500);
        window.addEventListener('pagehide', () => window.clearTimeout(timer));
    }

    function start() {
        document.querySelectorAll('form[data-job-upload]').forEach(upload);
        const job = document.getElementById('job');
        if (job) follow(job);
    }

    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
})();
