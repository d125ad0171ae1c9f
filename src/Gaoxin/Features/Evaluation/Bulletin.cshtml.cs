using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Evaluation;

/// <summary>The printable bulletin (通报) of a year's evaluation: A4, Chinese first.</summary>
public sealed class BulletinModel(GaoxinDb db, TimeProvider clock) : PageModel
{
    /// <summary>The rectification cases the run opened (one per yellow card), with where each stands.</summary>
    public List<Data.Rectification.CaseView> Cases { get; private set; } = [];
    public EvaluationRunRecord Run { get; private set; } = null!;
    public EvaluationResponse Result { get; private set; } = null!;
    public Dictionary<string, string> ZoneNames { get; private set; } = [];
    public Dictionary<string, string> DimensionNames { get; private set; } = [];
    /// <summary>The run's model by its title in the chosen language (its id is the file's, not a reader's name).</summary>
    public string ModelTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int year, string? model, CancellationToken ct)
    {
        var run = await EvaluationStore.RunForYearAsync(db, year, model ?? EvaluationCommands.DefaultModel, ct);
        if (run is null || (run.PublishedAt is null && User.ToPrincipal() is not { IsAdmin: true })) return NotFound();
        Run = run;
        Result = EvaluationRunner.Read(run);
        ZoneNames = await ZoneRegistry.NamesAsync(db, z => Shared.Text.T(z.Name, z.NameEn), ct);
        var definition = (await EvaluationRunner.ModelsAsync(db, ct)).FirstOrDefault(m => m.Model.Id == run.ModelId)?.Model;
        DimensionNames = definition?.Dimensions.ToDictionary(d => d.Code, d => Shared.Text.T(d.Name, d.NameEn)) ?? [];
        ModelTitle = definition is null ? run.ModelId : Shared.Text.T(definition.Title, definition.TitleEn);
        Cases = await Data.Rectification.RectificationStore.OfRunAsync(db, run.Id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        return Page();
    }

    /// <summary>GET /evaluation/{year}.xlsx: the same bulletin as a workbook.</summary>
    public static async Task<IResult> WorkbookAsync(int year, string? model, HttpContext context, GaoxinDb db, CancellationToken ct)
    {
        var run = await EvaluationStore.RunForYearAsync(db, year, model ?? EvaluationCommands.DefaultModel, ct);
        if (run is null || (run.PublishedAt is null && context.User.ToPrincipal() is not { IsAdmin: true })) return Results.NotFound();
        var names = await ZoneRegistry.NamesAsync(db, z => z.Name, ct);
        return Results.File(BulletinWorkbook.Write(run, EvaluationRunner.Read(run), names),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"gaoxin-evaluation-{year}.xlsx");
    }
}
