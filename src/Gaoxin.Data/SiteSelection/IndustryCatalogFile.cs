using System.Text;
using Gaoxin.Core.SiteSelection;
using Gaoxin.Data.Plans;

namespace Gaoxin.Data.SiteSelection;

/// <summary>The bundled industry codes, <c>portal/industries.yaml</c> beside the executable, read once and checked against the plan text.</summary>
public static class IndustryCatalogFile
{
    /// <summary>The file's path under a bundle folder.</summary>
    public static string PathIn(string bundleDirectory) => Path.Combine(bundleDirectory, "portal", "industries.yaml");

    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, IndustryCatalog> Loaded = [];

    /// <summary>The catalog of the bundle folder (read on first use).</summary>
    /// <exception cref="PlanFileException">The file is invalid, or a quote is not in the plan text.</exception>
    public static IndustryCatalog Load(string bundleDirectory)
    {
        var path = PathIn(bundleDirectory);
        lock (Gate)
        {
            if (Loaded.TryGetValue(path, out var cached)) return cached;
            var yaml = File.ReadAllText(path, Encoding.UTF8);
            var textPath = IndustryCatalogParser.SourceTextOf(yaml) is { } relative ? Path.Combine(Path.GetDirectoryName(path)!, relative) : null;
            var planText = textPath is not null && File.Exists(textPath) ? File.ReadAllText(textPath, Encoding.UTF8) : "";
            var (catalog, errors) = IndustryCatalogParser.Parse(path, yaml, planText);
            if (catalog is null) throw new PlanFileException(errors);
            Loaded[path] = catalog;
            return catalog;
        }
    }
}
