using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Evaluation;

/// <summary>
/// /evaluation/{year}/{zone}[?run=ID]: why a zone scored what it did in a stored run (the year's published run unless
/// another is named), and what it would take to pass. The explanation is computed from the model file and the figures
/// the run kept, so it always agrees with the run's bulletin, whatever was corrected or edited since.
/// </summary>
public sealed class ZoneModel(GaoxinDb db) : PageModel
{
    /// <summary>The explanation, or null for a run stored before runs kept their figures.</summary>
    public ZoneExplanation? Explanation { get; private set; }
    public EvaluationModel Definition { get; private set; } = null!;
    public EvaluationRunRecord Run { get; private set; } = null!;
    public EvaluationResponse Result { get; private set; } = null!;
    public int Year { get; private set; }
    public string ZoneName { get; private set; } = "";
    public Dictionary<string, string> ElementNames { get; private set; } = [];
    public bool Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, string zone, string? model, long? run, CancellationToken ct)
    {
        var explained = await EvaluationRunner.ExplainAsync(db, year, zone, model, run, User.ToPrincipal() is { IsAdmin: true }, ct);
        if (explained is null) return NotFound();
        Run = explained.Run;
        Published = Run.PublishedAt is not null;
        Year = year;
        Result = explained.Result;
        var zones = await ZoneRegistry.ListAsync(db, ct);
        ZoneName = zones.FirstOrDefault(z => z.Code == zone) is { } z ? Shared.Text.T(z.Name, z.NameEn) : zone;
        if (explained.Explanation is null) return Page();
        Definition = explained.Model!;
        Explanation = explained.Explanation;
        ElementNames = (await DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code, e => Shared.Text.T(e.Name, e.NameEn));
        return Page();
    }

    public IndicatorDefinition Indicator(string code) => Definition.Indicators.First(i => i.Code == code);

    public string IndicatorName(string code) => Indicator(code) is var i ? Shared.Text.T(i.Name, i.NameEn) : code;

    public string DimensionName(string code) => Definition.Dimensions.FirstOrDefault(d => d.Code == code) is { } d ? Shared.Text.T(d.Name, d.NameEn) : code;

    /// <summary>The radar: this zone against the best and worst of its group in the run, per dimension.</summary>
    public object RadarSeries()
    {
        var explained = Explanation!.Result;
        var group = Result.Zones.Where(z => z.Group == explained.Group).ToList();
        var dimensions = Definition.Dimensions.Select(d => d.Code).ToList();
        return new
        {
            axes = dimensions.Select(DimensionName),
            lines = new[]
            {
                new { name = ZoneName, values = dimensions.Select(d => Math.Round(explained.Dimensions[d], 1)).ToList() },
                new { name = Shared.Text.T("组内最高", "group best"), values = dimensions.Select(d => Math.Round(group.Max(z => z.Dimensions[d]), 1)).ToList() },
                new { name = Shared.Text.T("组内最低", "group lowest"), values = dimensions.Select(d => Math.Round(group.Min(z => z.Dimensions[d]), 1)).ToList() },
            },
        };
    }
}
