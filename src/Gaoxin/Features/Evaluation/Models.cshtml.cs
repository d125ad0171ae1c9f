using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Evaluation;

/// <summary>/evaluation/models: every bundled model with its dimensions, indicators, formulas and effective weights.</summary>
public sealed class ModelsModel(GaoxinDb db) : PageModel
{
    public IReadOnlyList<ModelFile> Models { get; private set; } = [];

    /// <summary>Each data element's name in the chosen language, by code, to read the formulas in words.</summary>
    public Dictionary<string, string> ElementNames { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Models = await EvaluationRunner.ModelsAsync(db, ct);
        ElementNames = (await Gaoxin.Data.Collection.DataSetStore.GetAsync(db, ct)).Elements.ToDictionary(e => e.Code, e => Shared.Text.T(e.Name, e.NameEn));
    }

    public static IReadOnlyDictionary<string, decimal> Effective(EvaluationModel model) => Weighting.EffectiveWeights(model);
}
