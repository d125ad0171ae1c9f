using Gaoxin.Core.Enterprises;

namespace Gaoxin.Core.Tests.Enterprises;

/// <summary>The bundled rule sets under rules/, read from the test output when copied there, otherwise from the repository.</summary>
internal static class RuleFiles
{
    public static string Folder()
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "rules");
        if (Directory.Exists(copied)) return copied;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx"))) return Path.Combine(dir.FullName, "rules");
        }
        throw new InvalidOperationException("Gaoxin.slnx not found above " + AppContext.BaseDirectory);
    }

    public static string Text(string id) => File.ReadAllText(Path.Combine(Folder(), id + ".yaml"));

    public static T Load<T>(string id) where T : EnterpriseRuleSet
    {
        var (set, errors) = EnterpriseRuleSetParser.Parse<T>($"rules/{id}.yaml", Text(id));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return set!;
    }

    public static HteRuleSet Hte { get; } = Load<HteRuleSet>("hte-2016");

    public static TechSmeRuleSet TechSme { get; } = Load<TechSmeRuleSet>("tech-sme-2017");

    public static GazelleRuleSet Liaoning { get; } = Load<GazelleRuleSet>("gazelle-liaoning-2021");

    public static GazelleRuleSet Torch { get; } = Load<GazelleRuleSet>("gazelle-torch");

    public static ReservePoolRuleSet ReservePool { get; } = Load<ReservePoolRuleSet>("reserve-pool-default");
}
