using Gaoxin.Data;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Imports;

/// <summary>
/// /imports/{id}: a background import as it runs — a progress bar with rows read, rows validated, percent and time left,
/// refreshed by /js/imports.js from <c>?handler=Progress</c> — with a Cancel button, and at the end the summary or the
/// located errors. Its state is in the store, so the page shows the same after a reload. The job's owner and the office only.
/// </summary>
public sealed class JobModel(GaoxinDb db, ImportJobQueue queue) : PageModel
{
    public ImportJobResponse Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await ImportsApi.FindAsync(db, queue, id, User.Caller(), ct) is not { } job) return NotFound();
        Job = job;
        return Page();
    }

    /// <summary>The figures the script puts on the page, with their words in the page's language.</summary>
    public async Task<IActionResult> OnGetProgressAsync(string id, CancellationToken ct)
    {
        if (await ImportsApi.FindAsync(db, queue, id, User.Caller(), ct) is not { } job) return NotFound();
        var english = Shared.Text.IsEnglish;
        return new JsonResult(new
        {
            job.State, StateText = ImportText.State(job.State, english), job.Stage, job.Percent, job.RowsRead, job.RowsValidated, job.BytesRead, job.Size,
            TimeLeft = ImportText.Duration(job.SecondsLeft, english), job.Message, job.Finished,
        });
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
    {
        var (_, refusal) = await ImportsApi.CancelAsync(db, queue, id, User.Caller(), ct);
        if (refusal?.StatusCode == StatusCodes.Status404NotFound) return NotFound();
        return Redirect($"/imports/{id}");
    }
}
