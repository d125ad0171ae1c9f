using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Evaluation;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Evaluation;

/// <summary>/evaluation/{year}/{zone}: why a zone scored what it did, and what it would take to pass.</summary>
public sealed class ZoneModel(GaoxinDb db) : PageModel
{
    public ZoneExplanation Explanation { get; private set; } = null!;
    public EvaluationModel Definition { get; private set; } = null!;
    public EvaluationResult Group { get; private set; } = null!;
    public string ZoneName { get; private set; } = "";
    public Dictionary<string, string> ElementNames { get; private set; } = [];
    public bool Published { get; private set; }

    public async Task<IActionResult> OnGetAsync(int year, string zone, string? model, CancellationToken ct)
    {
        var modelId = model ?? EvaluationCommands.DefaultModel;
        var run = await EvaluationStore.RunForYearAsync(db, year, modelId, ct);
        Published = run?.PublishedAt is not null;
        if (!Published && User.ToPrincipal() is not { IsAdmin: true }) return NotFound();
        var file = (await EvaluationRunner.ModelsAsync(db, ct)).FirstOrDefault(m => m.Model.Id == modelId);
        if (file is null) return NotFound();
        var data = await EvaluationStore.LoadDataAsync(db, year, ct);
        if (data.Input.Zones.All(z => z.Zone != zone)) return NotFound();
        Definition = file.Model;
        Explanation = EvaluationEngine.Explain(Definition, data.Input, zone);
        Group = EvaluationEngine.Evaluate(Definition, data.Input);
        var zones = await ZoneRegistry.ListAsync(db, ct);
        ZoneName = zones.FirstOrDefault(z => z.Code == zone) is { } z ? Shared.Text.T(z.Name, z.NameEn) : zone;
        ElementNames = (await DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code, e => Shared.Text.T(e.Name, e.NameEn));
        return Page();
    }

    public IndicatorDefinition Indicator(string code) => Definition.Indicators.First(i => i.Code == code);

    public string IndicatorName(string code) => Indicator(code) is var i ? Shared.Text.T(i.Name, i.NameEn) : code;

    public string DimensionName(string code) => Definition.Dimensions.FirstOrDefault(d => d.Code == code) is { } d ? Shared.Text.T(d.Name, d.NameEn) : code;

    /// <summary>The radar: this zone against the best and worst of its group, per dimension.</summary>
    public object RadarSeries()
    {
        var group = Group.Zones.Where(z => z.Group == Explanation.Result.Group).ToList();
        var dimensions = Definition.Dimensions.Select(d => d.Code).ToList();
        return new
        {
            axes = dimensions.Select(DimensionName),
            lines = new[]
            {
                new { name = ZoneName, values = dimensions.Select(d => Math.Round(Explanation.Result.Dimensions[d], 1)).ToList() },
                new { name = Shared.Text.T("组内最高", "group best"), values = dimensions.Select(d => Math.Round(group.Max(z => z.Dimensions[d]), 1)).ToList() },
                new { name = Shared.Text.T("组内最低", "group lowest"), values = dimensions.Select(d => Math.Round(group.Min(z => z.Dimensions[d]), 1)).ToList() },
            },
        };
    }
}
