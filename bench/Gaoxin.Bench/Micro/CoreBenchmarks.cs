using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Gaoxin.Bench.Workloads;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Evaluation;
using Gaoxin.Core.Plans;

namespace Gaoxin.Bench.Micro;

/// <summary>BenchmarkDotNet micro-benchmarks of Core: <c>Gaoxin.Bench micro [--filter *Engine*]</c>.</summary>
public static class CoreBenchmarks
{
    public static void Run(string[] args) =>
        BenchmarkSwitcher.FromTypes([typeof(EngineBenchmarks), typeof(ValidationBenchmarks), typeof(ParserBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, DefaultConfig.Instance.WithOptions(ConfigOptions.JoinSummary));
}

/// <summary>The evaluation engine against the reference (baseline), with and without the Monte Carlo analysis.</summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private EvaluationModel _model = null!;
    private EvaluationInput _input = null!;

    [Params(20, 180)]
    public int Zones { get; set; }

    [Params(Evaluation.Liaoning, Evaluation.National)]
    public string Model { get; set; } = Evaluation.National;

    [GlobalSetup]
    public void Setup()
    {
        _model = Evaluation.LoadModel(Model);
        _input = Evaluation.Input(Zones);
    }

    [Benchmark(Baseline = true)]
    public object Reference_sensitivity_100() => ReferenceEvaluation.Run(_model, _input, new SensitivityOptions(100, 1));

    [Benchmark]
    public object Engine_sensitivity_100() => EvaluationEngine.Evaluate(_model, _input, new SensitivityOptions(100, 1));

    [Benchmark]
    public object Engine_no_sensitivity() => EvaluationEngine.Evaluate(_model, _input);
}

/// <summary>Checking one zone-year report (elements, rules, outliers against four years of history).</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private DataSetDefinition _set = null!;
    private ReportingUnit _unit = null!;
    private Dictionary<string, decimal> _values = null!;
    private Dictionary<int, IReadOnlyDictionary<string, decimal>> _history = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml");
        _set = DataSetParser.Parse(path, File.ReadAllText(path)).DataSet!;
        var known = _set.Elements.Select(e => e.Code).ToHashSet();
        var values = Gaoxin.Core.Demo.NationalGenerator.ZoneValues(new(0, 5, 1, 2024)).Where(v => known.Contains(v.Element)).ToList();
        _unit = new ReportingUnit(values[0].Unit, "合成", false);
        _values = values.Where(v => v.Year == 2024).ToDictionary(v => v.Element, v => v.Value);
        _history = values.Where(v => v.Year < 2024).GroupBy(v => v.Year)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(v => v.Element, v => v.Value));
    }

    [Benchmark(Baseline = true)]
    public int Elements_only() => DataValidation.CheckElements(_set, _unit, 2024, _values, "bench").Count();

    [Benchmark]
    public int All_checks() => DataValidation.Check(_set, _unit, 2024, _values, _history, "bench").Count;
}

/// <summary>Reading the plan, the data set and the national model from YAML.</summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private string _plan = "", _planPath = "", _dataSet = "", _model = "";
    private HashSet<string> _elements = [];

    [GlobalSetup]
    public void Setup()
    {
        _planPath = Path.Combine(AppContext.BaseDirectory, "plans", "liaoning-2017-2020.yaml");
        _plan = File.ReadAllText(_planPath);
        _dataSet = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "datasets", "liaoning-default.yaml"));
        _model = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "models", "cn-htz-2021.yaml"));
        _elements = DataSetParser.Parse("dataset", _dataSet).DataSet!.Elements.Select(e => e.Code).ToHashSet();
    }

    [Benchmark(Baseline = true)]
    public object DataSet() => DataSetParser.Parse("dataset", _dataSet);

    [Benchmark]
    public object NationalModel() => EvaluationModelParser.Parse("model", _model, _elements);

    [Benchmark]
    public object Plan() => PlanParser.Parse(_planPath, _plan, name =>
    {
        var sibling = Path.Combine(Path.GetDirectoryName(_planPath)!, name);
        return File.Exists(sibling) ? File.ReadAllText(sibling) : null;
    });
}
