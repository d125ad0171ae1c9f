using Gaoxin.Core.Enterprises;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// The enterprise rule sets (files under <c>rules/</c> beside the executable), read once when the server or a verb starts.
/// A bad file stops the start with its located errors (FILE:LINE:COL: field: message [code]).
/// </summary>
public sealed class EnterpriseRules
{
    private EnterpriseRules(EnterpriseRuleCatalog catalog) => Catalog = catalog;

    /// <summary>The bundled rules folder: <c>rules/</c> beside the executable.</summary>
    public static string BundleDirectory => Path.Combine(AppContext.BaseDirectory, "rules");

    public EnterpriseRuleCatalog Catalog { get; }

    /// <summary>Reads every <c>*.yaml</c> of <paramref name="folder"/>; throws <see cref="InvalidOperationException"/> listing every error.</summary>
    public static EnterpriseRules Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new InvalidOperationException($"The enterprise rules folder {folder} does not exist.");
        var files = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();
        var (catalog, errors) = EnterpriseRuleCatalog.Load(files);
        if (catalog is null)
            throw new InvalidOperationException("The enterprise rules could not be loaded:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        return new EnterpriseRules(catalog);
    }

    /// <summary>Every rule set of type <typeparamref name="T"/>, newest first.</summary>
    public IReadOnlyList<T> All<T>() where T : EnterpriseRuleSet =>
        Catalog.All.OfType<T>().OrderByDescending(s => s.Header.EffectiveFrom).ThenBy(s => s.Header.Id, StringComparer.Ordinal).ToList();

    /// <summary>
    /// The rule set named by <paramref name="id"/>, or when none is named the one in force on <paramref name="date"/>;
    /// otherwise an error on the field <c>rules</c> (<c>unknown_rule_set</c> or <c>no_rule_set_in_force</c>).
    /// </summary>
    public (T? Rules, EnterpriseInputError? Error) Pick<T>(string? id, DateOnly date) where T : EnterpriseRuleSet
    {
        if (id is { Length: > 0 })
        {
            return Catalog.Get<T>(id) is { } named
                ? (named, null)
                : (null, new EnterpriseInputError("rules", "unknown_rule_set",
                    $"no rule set '{id}' of this kind; known: {string.Join(", ", All<T>().Select(s => s.Header.Id))}"));
        }
        if (Catalog.Current<T>(date) is { } current) return (current, null);
        // Say which rules ended and how to use them anyway, so that a gap in the transcribed rules is not mistaken for bad input.
        var ended = Catalog.EndedBefore<T>(date) is { } last
            ? $"; {last.Header.Id} ended on {last.Header.EffectiveTo:yyyy-MM-dd} and no later rule set of this kind is installed (name one with rules=ID to use it anyway)"
            : "";
        return (null, new EnterpriseInputError("rules", "no_rule_set_in_force", $"no rule set of this kind is in force on {date:yyyy-MM-dd}{ended}"));
    }

    /// <summary>
    /// Which gazelle rule set judges each year: the one named by <paramref name="id"/> for every year (the office's choice),
    /// or when none is named each year's own (<see cref="GazelleRuleChoice.ByYear"/>: a rule set judges the data years from
    /// its document on, so the 2021 Liaoning rules judge 2021 and later and the Torch standard the years before); otherwise
    /// an error on the field <c>rules</c> (<c>unknown_rule_set</c>, or <c>no_rule_set_in_force</c> when none is installed).
    /// </summary>
    public (GazelleRuleChoice? Choice, EnterpriseInputError? Error) Gazelle(string? id)
    {
        if (id is { Length: > 0 })
        {
            var (named, error) = Pick<GazelleRuleSet>(id, DateOnly.MinValue);
            return named is null ? (null, error) : (GazelleRuleChoice.Only(named), null);
        }
        var all = All<GazelleRuleSet>();
        return all.Count > 0
            ? (GazelleRuleChoice.ByYear(all), null)
            : (null, new EnterpriseInputError("rules", "no_rule_set_in_force", "no gazelle rule set is installed"));
    }

    /// <summary>
    /// What the zone counts are kept with: each year's own rule set, and the rule set marked <c>national</c> for the new
    /// gazelles of the national model's indicator 5.5; null when no gazelle rule set is installed.
    /// </summary>
    public GazelleCounting? GazelleCounting() => Gazelle(null).Choice is { } choice
        ? new GazelleCounting(new GazelleClassifier(choice),
            All<GazelleRuleSet>().FirstOrDefault(s => s.National) is { } national ? new GazelleClassifier(national) : null)
        : null;

    /// <summary>The reserve-pool rule set marked default, else the newest.</summary>
    public ReservePoolRuleSet ReservePool => All<ReservePoolRuleSet>() is { Count: > 0 } all
        ? all.FirstOrDefault(s => s.Header.IsDefault) ?? all[0]
        : throw new InvalidOperationException("No reserve-pool rule set is installed under rules/.");
}
