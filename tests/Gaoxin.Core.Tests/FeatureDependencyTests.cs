using System.Text.RegularExpressions;

namespace Gaoxin.Core.Tests;

/// <summary>
/// Features are folders, and no two features of a layer (Gaoxin.Core, Gaoxin.Data) depend on each other in a circle: read from
/// the source, a feature depends on another when it imports its namespace (<c>using Gaoxin.Data.Registries;</c>) or names a
/// type through it (<c>Registries.RegistryStore</c>, <c>Gaoxin.Core.Registries.RegistryCount</c>). A rule needed by both sides of
/// such a circle belongs in a feature of its own (as the figure in force does in <c>Figures/</c>).
/// </summary>
public class FeatureDependencyTests
{
    [Theory]
    [InlineData("Core")]
    [InlineData("Data")]
    public void No_two_features_of_a_layer_depend_on_each_other_in_a_circle(string layer)
    {
        var graph = Dependencies(layer);

        var cycles = Cycles(graph).Select(c => string.Join(" → ", c)).ToList();

        Assert.True(cycles.Count == 0, $"Gaoxin.{layer} has feature cycles: {string.Join("; ", cycles)}");
    }

    [Theory]
    [InlineData("Core", "Registries")]
    [InlineData("Core", "Enterprises")]
    [InlineData("Data", "Registries")]
    [InlineData("Data", "Enterprises")]
    public void Collection_and_the_registries_or_enterprises_do_not_import_each_other(string layer, string feature)
    {
        var graph = Dependencies(layer);

        Assert.False(graph["Collection"].Contains(feature) && graph[feature].Contains("Collection"),
            $"Gaoxin.{layer}.Collection and Gaoxin.{layer}.{feature} import each other");
    }

    [Fact]
    public void The_reading_sees_a_dependency_written_either_way()
    {
        // The check is only as good as its reading: a using directive and a namespace-relative name both count; comments do not.
        var features = new[] { "Collection", "Registries" };
        Assert.Equal(["Registries"], Referenced("Data", "using Gaoxin.Data.Registries;\n", features));
        Assert.Equal(["Registries"], Referenced("Data", "var d = await Registries.RegistryStore.DerivedValuesAsync(db);", features));
        Assert.Empty(Referenced("Data", "var c = Core.Registries.RegistryCount.Parse(text);", features));
        Assert.Empty(Referenced("Data", "/// see Registries.RegistryStore\n// Registries.RegistryStore", features));
    }

    /// <summary>Each feature folder of a layer and the features of the same layer its source refers to.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(string layer)
    {
        var root = Path.Combine(EvaluationModelParserTests.RepositoryRoot(), "src", $"Gaoxin.{layer}");
        var features = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(name => name is not ("bin" or "obj" or "Migrations")).ToList();
        return features.ToDictionary(f => f, f => Directory.GetFiles(Path.Combine(root, f), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Referenced(layer, File.ReadAllText(file), features.Where(g => g != f)))
            .ToHashSet());
    }

    private static List<string> Referenced(string layer, string source, IEnumerable<string> features)
    {
        var code = string.Join('\n', source.Split('\n').Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
        return features.Where(g =>
                Regex.IsMatch(code, $@"using\s+Gaoxin\.{layer}\.{g}\s*;")
                // A name through the feature's namespace, written from inside the layer or in full; Core.X from Data is another layer.
                || Regex.IsMatch(code, $@"(?<![\w.])(Gaoxin\.{layer}\.)?{g}\.[A-Z]"))
            .ToList();
    }

    /// <summary>Every circle of the graph, each once, as the path that closes it.</summary>
    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var found = new List<List<string>>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal)) Walk(start, [start]);
        return found;

        void Walk(string node, List<string> path)
        {
            foreach (var next in graph[node].Order(StringComparer.Ordinal))
            {
                // A circle is reported from its smallest member only, so each shows once.
                if (next == path[0]) found.Add([.. path, next]);
                else if (string.CompareOrdinal(next, path[0]) > 0 && !path.Contains(next)) Walk(next, [.. path, next]);
            }
        }
    }
}
