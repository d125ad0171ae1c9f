using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Gaoxin.Core.Market;

/// <summary>A cooperation set the plan names, with the section and the words it is named in.</summary>
public sealed record PartnerSet(string Name, string Section, string Quote);

/// <summary>An institution of <c>market/institutions.yaml</c>.</summary>
public sealed record InstitutionSeedItem(string Name, string? NameEn, string Kind, string? Region, string? PartnerSet, string? Website);

/// <summary>Reads <c>market/institutions.yaml</c>: institutions with their kind, and the cooperation sets quoted from the plan.</summary>
public static class InstitutionSeed
{
    /// <summary>The file's <c>sourceText:</c> (the plan text the quotes come from, relative to the file), or null.</summary>
    public static string? SourceTextOf(string yaml) =>
        yaml.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("sourceText:", StringComparison.Ordinal))?["sourceText:".Length..].Trim();

    /// <summary>
    /// The sets and institutions, or the problems that make the file unusable (one line each): an unknown kind, a partner
    /// set not declared, a set whose quote is not in <paramref name="planText"/>, a name listed twice.
    /// </summary>
    public static (IReadOnlyList<PartnerSet> Sets, IReadOnlyList<InstitutionSeedItem> Institutions, IReadOnlyList<string> Errors) Parse(string yaml, string planText)
    {
        File? file;
        try
        {
            file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build().Deserialize<File>(yaml);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            return ([], [], [$"line {e.Start.Line}: {e.Message}"]);
        }
        var errors = new List<string>();
        var sets = new List<PartnerSet>();
        foreach (var s in file?.PartnerSets ?? [])
        {
            if (string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.Section) || string.IsNullOrWhiteSpace(s.Quote)) { errors.Add("a partner set needs name, section and quote"); continue; }
            if (!planText.Contains(s.Quote, StringComparison.Ordinal)) { errors.Add($"{s.Name}: the quote is not in the plan text"); continue; }
            sets.Add(new PartnerSet(s.Name, s.Section, s.Quote));
        }
        var items = new List<InstitutionSeedItem>();
        foreach (var (e, i) in (file?.Institutions ?? []).Select((e, i) => (e, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(e.Name)) { errors.Add($"institution {i}: no name"); continue; }
            if (MarketTerms.Find(MarketTerms.InstitutionKinds, e.Kind) is null) { errors.Add($"{e.Name}: unknown kind {e.Kind}"); continue; }
            if (e.PartnerSet is not null && sets.All(s => s.Name != e.PartnerSet)) { errors.Add($"{e.Name}: partner set {e.PartnerSet} is not declared"); continue; }
            if (items.Any(x => x.Name == e.Name)) { errors.Add($"{e.Name}: listed twice"); continue; }
            items.Add(new InstitutionSeedItem(e.Name.Trim(), e.NameEn, e.Kind!, e.Region, e.PartnerSet, e.Website));
        }
        return (sets, items, errors);
    }

    private sealed class File
    {
        public string? SourceText { get; set; }
        public List<SetEntry>? PartnerSets { get; set; }
        public List<Entry>? Institutions { get; set; }
    }

    private sealed class SetEntry
    {
        public string? Name { get; set; }
        public string? Section { get; set; }
        public string? Quote { get; set; }
    }

    private sealed class Entry
    {
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public string? Kind { get; set; }
        public string? Region { get; set; }
        public string? PartnerSet { get; set; }
        public string? Website { get; set; }
    }
}
