using System.CommandLine;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Demo;
using Gaoxin.Data;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Figures;
using Gaoxin.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Features.Collection;

/// <summary><c>gaoxin data import|export|elements|element-add|deadline</c> and <c>gaoxin demo seed</c>.</summary>
public static class DataCommands
{
    /// <summary>The CLI works on the store directly, so it acts as the provincial office.</summary>
    public static Principal CliPrincipal => new(Cli.Actor, Roles.Admin, null);

    public static Command Build()
    {
        var file = new Argument<string>("FILE") { Description = "a CSV in the interchange format (zone,year,element,value) or the Excel template (.xlsx)" };
        var approve = new Option<bool>("--approve") { Description = "store the values as approved (historical data); recorded with who and when" };
        var dryRun = new Option<bool>("--dry-run") { Description = "check everything and report what would change, without writing" };
        var skipDerived = new Option<bool>("--skip-derived")
        {
            Description = "skip the figures an export marks as coming from the registries or the enterprise returns instead of refusing the file",
        };
        var importFormat = Cli.FormatOption();
        var import = new Command("import", "import yearly values, all or nothing") { file, approve, dryRun, skipDerived, importFormat };
        import.SetAction((parse, ct) => ImportAsync(parse, parse.GetValue(file)!, parse.GetValue(approve), parse.GetValue(dryRun), parse.GetValue(skipDerived),
            parse.GetValue(importFormat)!, ct));

        var year = new Option<int>("--year") { Description = "the reporting year", Required = true };
        var exportFormat = new Option<string>("--format") { Description = "csv or xlsx", DefaultValueFactory = _ => "csv" };
        exportFormat.AcceptOnlyFromAmong("csv", "xlsx");
        var output = new Option<string>("--out") { Description = "file to write (CSV goes to standard output when omitted)" };
        var reportedOnly = new Option<bool>("--reported-only") { Description = "only the approved reported values, without the source column" };
        var export = new Command("export", "export the figures in force of a year, each with its source (reported, registry, enterprises)")
        {
            year, exportFormat, output, reportedOnly,
        };
        export.SetAction((parse, ct) => ExportAsync(parse, parse.GetValue(year), parse.GetValue(exportFormat)!, parse.GetValue(output), parse.GetValue(reportedOnly), ct));

        var elementsFormat = Cli.FormatOption();
        var elements = new Command("elements", "list the data elements (数据元)") { elementsFormat };
        elements.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var set = await DataSetStore.GetAsync(db, ct);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(elementsFormat) == "json") writer.WriteLine(Json.Serialize(set.Elements.Select(CollectionMapping.ToResponse)));
            else TextTable.Write(writer, ["code", "name", "unit", "type", "range", "reported by"], set.Elements.Select(e => (IReadOnlyList<string>)
                [e.Code, e.Name, e.Unit, e.Type.ToString().ToLowerInvariant(), Range(e), e.ProvinceLevel ? "province" : "zones"]));
            return 0;
        });

        var deadlineYear = new Option<int>("--year") { Description = "the reporting year", Required = true };
        var deadlineDate = new Option<DateOnly>("--date") { Description = "the deadline (yyyy-mm-dd)", Required = true };
        var deadline = new Command("deadline", "set the deadline of a year's reports") { deadlineYear, deadlineDate };
        deadline.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            await ReportStore.SetDeadlineAsync(db, parse.GetValue(deadlineYear), parse.GetValue(deadlineDate), ct);
            parse.InvocationConfiguration.Output.WriteLine($"Reports for {parse.GetValue(deadlineYear)} are due {parse.GetValue(deadlineDate):yyyy-MM-dd}.");
            return 0;
        });

        return new Command("data", "the zones' yearly data: import, export, elements, deadlines")
        {
            import, export, elements, BuildElementAdd(), deadline,
        };
    }

    private static string Range(DataElement e) => (e.Min, e.Max) switch
    {
        (null, null) => "",
        ({ } min, null) => $"≥ {DataValidation.Format(min)}",
        (null, { } max) => $"≤ {DataValidation.Format(max)}",
        ({ } min, { } max) => $"{DataValidation.Format(min)}–{DataValidation.Format(max)}",
    };

    private static Command BuildElementAdd()
    {
        var code = new Option<string>("--code") { Required = true, Description = "lower-case code, e.g. patents_pct" };
        var name = new Option<string>("--name") { Required = true, Description = "Chinese name" };
        var nameEn = new Option<string>("--name-en") { Required = true, Description = "English name" };
        var unit = new Option<string>("--unit") { Required = true, Description = "unit, e.g. 亿元, 家" };
        var type = new Option<string>("--type") { DefaultValueFactory = _ => "number", Description = "number or integer" };
        type.AcceptOnlyFromAmong("number", "integer");
        var min = new Option<decimal?>("--min") { Description = "smallest allowed value" };
        var max = new Option<decimal?>("--max") { Description = "largest allowed value" };
        var province = new Option<bool>("--province") { Description = "reported by the province only" };
        var add = new Command("element-add", "add a data element to the data set") { code, name, nameEn, unit, type, min, max, province };
        add.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var element = new DataElement(parse.GetValue(code)!, parse.GetValue(name)!, parse.GetValue(nameEn)!, parse.GetValue(unit)!,
                parse.GetValue(type) == "integer" ? ElementType.Integer : ElementType.Number, parse.GetValue(min), parse.GetValue(max), parse.GetValue(province));
            if (await DataSetStore.AddElementAsync(db, element, ct) is { } refused)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{element.Code}: not added [{refused}]");
                return Cli.InvalidInput;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Added element {element.Code}.");
            return 0;
        });
        return add;
    }

    private static async Task<int> ImportAsync(ParseResult parse, string path, bool approve, bool dryRun, bool skipDerived, string format, CancellationToken ct)
    {
        var error = parse.InvocationConfiguration.Error;
        var output = parse.InvocationConfiguration.Output;
        if (!File.Exists(path))
        {
            error.WriteLine($"{path}: the file does not exist");
            return Cli.NotFound;
        }
        await using var db = await Cli.OpenAsync(parse, ct);
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        ParsedImport parsed;
        await using (var stream = File.OpenRead(path))
            parsed = DataImport.Read(stream, Path.GetFileName(path), new ImportContext(units, set.Elements, skipDerived));
        var outcome = await ReportStore.ImportAsync(db, set, units, parsed, Path.GetFileName(path), approve, dryRun, CliPrincipal, ReportStore.Via.Cli, TimeProvider.System, ct);

        if (format == "json")
            output.WriteLine(Json.Serialize(outcome.ToResponse(english: true)));
        else
        {
            foreach (var problem in outcome.Problems)
                (problem.Severity == Severity.Error ? error : output).WriteLine(
                    $"{(problem.Severity == Severity.Error ? "error" : "warning")}: {ProblemText.Locate(problem, english: true)}: {ProblemText.Describe(problem, english: true)} [{problem.Code}]");
            output.WriteLine(outcome.HasErrors
                ? $"{path}: {outcome.Problems.Count(p => p.Severity == Severity.Error)} error(s); nothing was imported."
                : dryRun
                    ? $"{path}: {outcome.ValuesRead} values read; {outcome.ValuesChanged} would change in {outcome.UnitYearsChanged.Count} report(s). Dry run: nothing was written."
                    : $"{path}: {outcome.ValuesRead} values read; {outcome.ValuesChanged} changed in {outcome.UnitYearsChanged.Count} report(s){(approve ? ", approved" : " (drafts)")}. Batch {outcome.BatchId}.");
        }
        return outcome.HasErrors ? Cli.InvalidInput : 0;
    }

    private static async Task<int> ExportAsync(ParseResult parse, int year, string format, string? path, bool reportedOnly, CancellationToken ct)
    {
        await using var db = await Cli.OpenAsync(parse, ct);
        // The figures in force are what evaluation and monitoring read, so a bulletin can be reproduced from the export;
        // --reported-only gives the approved reports alone, as before the source column existed.
        var figures = reportedOnly
            ? (await ReportStore.ApprovedValuesAsync(db, year, ct)).Select(v => (v.Value, Source: InterchangeCsv.ReportedSource)).ToList()
            : (await FigureStore.InForceAsync(db, year, year, null, ct))
                .OrderBy(f => f.Value.Unit, StringComparer.Ordinal).ThenBy(f => f.Value.Element, StringComparer.Ordinal)
                .Select(f => (f.Value, Source: f.SourceName)).ToList();
        if (format == "csv")
        {
            if (path is null) Write(parse.InvocationConfiguration.Output);
            else
            {
                await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
                Write(writer);
            }
            return 0;
        }
        if (path is null)
        {
            parse.InvocationConfiguration.Error.WriteLine("--format xlsx needs --out FILE");
            return Cli.InvalidInput;
        }
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        await using (var stream = File.Create(path))
            ExcelWorkbook.WriteTemplate(stream, [year], new ImportContext(units, set.Elements), figures.Select(f => f.Value), null,
                reportedOnly ? null : figures.ToDictionary(f => (f.Value.Unit, f.Value.Year, f.Value.Element), f => f.Source));
        parse.InvocationConfiguration.Output.WriteLine(reportedOnly
            ? $"Wrote {figures.Count} approved values of {year} to {path}."
            : $"Wrote {figures.Count} figures in force of {year} to {path} ({figures.Count(f => f.Source != InterchangeCsv.ReportedSource)} from the registries or the enterprise returns, noted on their cells).");
        return 0;

        void Write(TextWriter writer)
        {
            if (reportedOnly) InterchangeCsv.Write(writer, figures.Select(f => f.Value));
            else InterchangeCsv.Write(writer, figures);
        }
    }

    /// <summary><c>gaoxin demo seed [--seed S]</c>: demonstration figures for 2016–2020, stored as approved and marked as demo; and <c>demo generate</c>.</summary>
    public static Command BuildDemo()
    {
        var seed = new Option<int>("--seed") { Description = "random seed (the same seed gives the same figures)", DefaultValueFactory = _ => 2017 };
        var seedCommand = new Command("seed", "fill approved demo values for the 15 zones and the province, 2016–2020") { seed };
        seedCommand.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var outcome = await DemoSeeding.SeedAsync(db, parse.GetValue(seed), CliPrincipal, TimeProvider.System, ct);
            if (outcome is null)
            {
                parse.InvocationConfiguration.Error.WriteLine("The store already holds reports; demo data is only loaded into an empty store.");
                return Cli.InvalidInput;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Loaded {outcome.ValuesChanged} demo values ({DemoData.FirstYear}–{DemoData.LastYear}) as approved, batch {outcome.BatchId}.");
            return outcome.HasErrors ? Cli.InvalidInput : 0;
        });
        return new Command("demo", "demonstration data") { seedCommand, Features.Demo.GenerateCommand.Build() };
    }
}

/// <summary>Loading the demo figures: the CLI verb and the server's offer on an empty store.</summary>
public static class DemoSeeding
{
    /// <summary>Imports the demo values as approved; null when the store already holds reports.</summary>
    public static async Task<ImportOutcome?> SeedAsync(GaoxinDb db, int seed, Principal who, TimeProvider clock, CancellationToken ct)
    {
        if (await db.Reports.AnyAsync(ct)) return null;
        var set = await DataSetStore.GetAsync(db, ct);
        var units = await DataSetStore.UnitsAsync(db, set, ct);
        var core = DemoData.Generate(seed);
        // The national model's supplementary figures, where the data set still has those elements.
        var known = set.Elements.Select(e => e.Code).ToHashSet();
        // The counts the registries keep come from demo registries, so the reports leave them blank, as a zone keeping its registry would.
        var counted = set.Elements.Where(e => e.Derived is not null && DemoData.RegistryCountedElements.Contains(e.Code)).Select(e => e.Code).ToHashSet();
        var values = core.Where(v => !counted.Contains(v.Element)).Concat(NationalSupplement.Generate(core, seed).Where(v => known.Contains(v.Element)));
        var parsed = new ParsedImport(values.Select((v, i) => new ParsedValue(v, null, i + 1, null)).ToList(), []);
        var outcome = await ReportStore.ImportAsync(db, set, units, parsed, "demo", approve: true, dryRun: false, who, ReportStore.Via.Demo, clock, ct, isDemo: true);
        if (!outcome.HasErrors && counted.Count > 0)
        {
            var registry = DemoData.GenerateRegistry(seed, core, await Data.Registries.RegistryStore.NamedItemsAsync(db, ct));
            await Data.Registries.RegistryStore.LoadDemoAsync(db, registry, who.Name, clock, ct);
        }
        var industries = Data.SiteSelection.IndustryCatalogFile.Load(GaoxinDatabase.BundleDirectory);
        if (!outcome.HasErrors) await Data.Investment.InvestmentDemo.SeedDemoAsync(db, industries, who, clock, ct);
        if (!outcome.HasErrors) await Data.News.PortalContentDemo.SeedDemoAsync(db, who, clock, ct);
        if (!outcome.HasErrors) await Data.Market.MarketDemoLoad.SeedDemoAsync(db, industries, who, clock, ct);
        // After the market's demo profiles, which the introductions pair.
        if (!outcome.HasErrors)
            await Data.Market.DealsDemoLoad.SeedDemoAsync(db, industries.Industries
                .Where(i => !i.IsDomain).Select(i => i.Code).ToList(), seed, who, clock, ct);
        return outcome;
    }
}
