using Gaoxin.Core.Evaluation;
using Gaoxin.Data;
using Gaoxin.Data.Evaluation;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gaoxin.Features.Evaluation;

/// <summary>/evaluation/models: every bundled model with its dimensions, indicators, formulas and effective weights.</summary>
public sealed class ModelsModel(GaoxinDb db) : PageModel
{
    public IReadOnlyList<ModelFile> Models { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Models = await EvaluationRunner.ModelsAsync(db, ct);

    public static IReadOnlyDictionary<string, decimal> Effective(EvaluationModel model) => Weighting.EffectiveWeights(model);
}
