using Gaoxin.Core.Collection;
using Gaoxin.Core.Monitoring;

namespace Gaoxin.Core.Tests;

/// <summary>The data files the platform ships (data set, monitoring), read once for the tests that check them.</summary>
public static class BundledFiles
{
    /// <summary>The folder holding Gaoxin.slnx, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gaoxin.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException("Gaoxin.slnx not found above " + AppContext.BaseDirectory);
    }

    private static readonly Lazy<DataSetDefinition> LiaoningSet = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        var (set, errors) = DataSetParser.Parse(path, File.ReadAllText(path));
        Assert.True(set is not null, string.Join("\n", errors));
        return set!;
    });

    private static readonly Lazy<MonitoringDefinition> LiaoningMonitoring = new(() =>
    {
        var path = Path.Combine(RepositoryRoot(), "monitoring", "liaoning-2017-2020.yaml");
        var (definition, errors) = MonitoringParser.Parse(path, File.ReadAllText(path), DataSet().Elements.Select(e => e.Code).ToHashSet());
        Assert.True(definition is not null, string.Join("\n", errors));
        return definition!;
    });

    /// <summary>datasets/liaoning-default.yaml.</summary>
    public static DataSetDefinition DataSet() => LiaoningSet.Value;

    /// <summary>monitoring/liaoning-2017-2020.yaml, checked against the data set's elements.</summary>
    public static MonitoringDefinition Monitoring() => LiaoningMonitoring.Value;
}
