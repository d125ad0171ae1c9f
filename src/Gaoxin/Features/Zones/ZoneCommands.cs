using System.CommandLine;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Shared;
using Sylvan.Data.Csv;

namespace Gaoxin.Features.Zones;

/// <summary><c>gaoxin zones list|show|record</c>.</summary>
public static class ZoneCommands
{
    public static Command Build()
    {
        var listFormat = Cli.FormatOption();
        var list = new Command("list", "list the zones with their current level, status and governance") { listFormat };
        list.SetAction((parse, ct) => ListAsync(parse, parse.GetValue(listFormat)!, ct));

        var code = new Argument<string>("CODE") { Description = "zone code, e.g. shenyang" };
        var showFormat = Cli.FormatOption();
        var show = new Command("show", "show a zone with its history") { code, showFormat };
        show.SetAction((parse, ct) => ShowAsync(parse, parse.GetValue(code)!, parse.GetValue(showFormat)!, ct));

        return new Command("zones", "the zone registry") { list, show, BuildRecord(), BuildImport() };
    }

    /// <summary>
    /// <c>gaoxin zones import FILE --date D --act A</c>: registers many new zones at once (a national deployment's 180), from a CSV with
    /// the header <c>code,name,level</c> and optionally <c>name_en,city,province,county,governance</c>. All or nothing: every row is
    /// checked by the registry's own rules and nothing is stored when any row is wrong.
    /// </summary>
    private static Command BuildImport()
    {
        var file = new Argument<string>("FILE") { Description = "CSV: code,name,level[,name_en,city,province,county,governance]" };
        var date = new Option<DateOnly>("--date") { Description = "date the zones were established (yyyy-mm-dd)", Required = true };
        var act = new Option<string>("--act") { Description = "the act or source of the list", Required = true };
        var import = new Command("import", "register new zones from a CSV file, all or nothing") { file, date, act };
        import.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            var error = parse.InvocationConfiguration.Error;
            if (!File.Exists(path)) { error.WriteLine($"{path}: no such file"); return Cli.NotFound; }
            List<(int Row, string[] Cells)> records;
            try
            {
                records = ReadCsv(path);
            }
            catch (Exception e) when (e is CsvFormatException or CsvInvalidCharacterException)
            {
                var at = e is CsvInvalidCharacterException bad ? bad.RowNumber : ((CsvFormatException)e).RowNumber;
                error.WriteLine($"{path}:{at}: a quotation mark is out of place: a quoted field must be closed and followed by a comma or line end [bad_quotes]");
                return Cli.InvalidInput;
            }
            var header = records.Count > 0 ? records[0].Cells.Select(h => h.Trim()).ToList() : [];
            int Column(string name) => header.IndexOf(name);
            var missing = new[] { "code", "name", "level" }.Where(c => Column(c) < 0).ToList();
            if (missing.Count > 0) { error.WriteLine($"{path}:{(records.Count > 0 ? records[0].Row : 1)}: the header needs {string.Join(", ", missing)} [missing_column]"); return Cli.InvalidInput; }
            var changes = new List<(int Row, ZoneChange Change)>();
            var problems = new List<string>();
            foreach (var (row, cells) in records.Skip(1))
            {
                string? Cell(string name) => Column(name) is >= 0 and var c && c < cells.Length && cells[c].Trim() is { Length: > 0 } v ? v : null;
                var level = Cell("level");
                if (level is not ("national" or "provincial")) { problems.Add($"{path}:{row}:level: must be national or provincial, found '{level}' [unknown_value]"); continue; }
                var governance = Cell("governance");
                if (governance is not (null or "merged" or "dispatched")) { problems.Add($"{path}:{row}:governance: must be merged or dispatched [unknown_value]"); continue; }
                var code = Cell("code") ?? "";
                var name = Cell("name");
                changes.Add((row, new ZoneChange(code, ZoneEventKind.Established, parse.GetValue(date), parse.GetValue(act)!, null,
                    Enum.Parse<ZoneLevel>(level, ignoreCase: true), name, Cell("name_en") ?? name, Cell("city") ?? Cell("province") ?? name, Cell("county"),
                    governance is null ? null : Enum.Parse<Governance>(governance, ignoreCase: true))));
            }
            foreach (var duplicate in changes.GroupBy(c => c.Change.Code).Where(g => g.Count() > 1))
                problems.Add($"{path}:{duplicate.Skip(1).First().Row}:code: '{duplicate.Key}' appears more than once [duplicate_id]");
            await using var db = await Cli.OpenAsync(parse, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var (row, change) in problems.Count > 0 ? [] : changes)
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(change.Code, "^[a-z][a-z0-9_]*$"))
                    problems.Add($"{path}:{row}:code: '{change.Code}' must be lower-case letters, digits and _ [bad_id]");
                else if (await ZoneRegistry.RecordAsync(db, change, Cli.Actor, TimeProvider.System, ct) is { } refused)
                    problems.Add($"{path}:{row}:code: {change.Code}: {Explain(refused)} [{refused}]");
            }
            if (problems.Count > 0)
            {
                await transaction.RollbackAsync(ct);
                foreach (var p in problems.Take(100)) error.WriteLine(p);
                error.WriteLine("Nothing was imported.");
                return Cli.InvalidInput;
            }
            await transaction.CommitAsync(ct);
            parse.InvocationConfiguration.Output.WriteLine($"Registered {changes.Count} zones.");
            return 0;
        });
        return import;
    }

    /// <summary>
    /// The file's non-blank records with their row numbers, read as every CSV import reads (RFC 4180 quoting, UTF-8 or
    /// GB18030: <see cref="CsvText"/>), so a quoted field may hold a comma.
    /// </summary>
    private static List<(int Row, string[] Cells)> ReadCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var text = CsvText.Open(stream, leaveOpen: false);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', Comment = '\0' });
        var records = new List<(int, string[])>();
        while (csv.Read())
        {
            var cells = Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            records.Add((csv.RowNumber, cells));
        }
        return records;
    }

    private static Command BuildRecord()
    {
        var code = new Argument<string>("CODE") { Description = "zone code (a new code with --event established adds a zone)" };
        var kind = new Option<string>("--event") { Description = "established | promoted | yellow_card | rectified | delisted", Required = true };
        kind.AcceptOnlyFromAmong("established", "promoted", "yellow_card", "rectified", "delisted");
        var date = new Option<DateOnly>("--date") { Description = "date the act took effect (yyyy-mm-dd)", Required = true };
        var act = new Option<string>("--act") { Description = "the act or document that caused it, e.g. 国函〔2018〕…号", Required = true };
        var note = new Option<string>("--note") { Description = "a remark" };
        var level = new Option<string>("--level") { Description = "national | provincial (new zones)" };
        level.AcceptOnlyFromAmong("national", "provincial");
        var name = new Option<string>("--name") { Description = "Chinese name (new zones)" };
        var nameEn = new Option<string>("--name-en") { Description = "English name (new zones)" };
        var city = new Option<string>("--city") { Description = "city (new zones)" };
        var county = new Option<string>("--county") { Description = "county, for a county-level zone" };
        var governance = new Option<string>("--governance") { Description = "merged | dispatched (new zones)" };
        governance.AcceptOnlyFromAmong("merged", "dispatched");

        var record = new Command("record", "record an event in a zone's history: a new zone, a promotion, a yellow card, rectification or delisting")
        {
            code, kind, date, act, note, level, name, nameEn, city, county, governance,
        };
        record.SetAction(async (parse, ct) =>
        {
            var change = new ZoneChange(
                parse.GetValue(code)!,
                Enum.Parse<ZoneEventKind>(parse.GetValue(kind)!.Replace("_", ""), ignoreCase: true),
                parse.GetValue(date),
                parse.GetValue(act)!,
                parse.GetValue(note),
                parse.GetValue(level) is { } l ? Enum.Parse<ZoneLevel>(l, ignoreCase: true) : null,
                parse.GetValue(name), parse.GetValue(nameEn), parse.GetValue(city), parse.GetValue(county),
                parse.GetValue(governance) is { } g ? Enum.Parse<Governance>(g, ignoreCase: true) : null);
            await using var db = await Cli.OpenAsync(parse, ct);
            var refused = await ZoneRegistry.RecordAsync(db, change, Cli.Actor, TimeProvider.System, ct);
            if (refused is not null)
            {
                parse.InvocationConfiguration.Error.WriteLine($"{change.Code}: {Explain(refused)} [{refused}]; nothing was recorded.");
                return Cli.InvalidInput;
            }
            parse.InvocationConfiguration.Output.WriteLine($"Recorded {parse.GetValue(kind)} for {change.Code} on {change.EffectiveOn:yyyy-MM-dd}.");
            return 0;
        });
        return record;
    }

    /// <summary>English text of the registry's rule codes.</summary>
    public static string Explain(string code) => code switch
    {
        "zone_not_established" => "no such zone; record it with --event established first",
        "zone_delisted" => "the zone is delisted and takes no further events",
        "zone_exists" => "the zone already exists",
        "already_national" => "the zone is already national",
        "no_yellow_card" => "the zone has no yellow card to lift",
        "event_before_last" => "the date is before the zone's last recorded event",
        "zone_details_missing" => "a new zone needs --name, --name-en and --city",
        _ => code,
    };

    private static async Task<int> ListAsync(ParseResult parse, string format, CancellationToken ct)
    {
        await using var db = await Cli.OpenAsync(parse, ct);
        var zones = await ZoneRegistry.ListAsync(db, ct);
        var output = parse.InvocationConfiguration.Output;
        if (format == "json")
        {
            output.WriteLine(Json.Serialize(zones.Select(z => z.ToResponse())));
            return 0;
        }
        TextTable.Write(output, ["code", "name", "level", "status", "governance", "city", "leading industries"],
            zones.Select(z => (IReadOnlyList<string>)[z.Code, z.Name, Wire(z.Level), Wire(z.Status), Wire(z.Governance), z.City, string.Join("、", z.LeadingIndustries)]));
        return 0;
    }

    private static async Task<int> ShowAsync(ParseResult parse, string code, string format, CancellationToken ct)
    {
        await using var db = await Cli.OpenAsync(parse, ct);
        var detail = await ZoneRegistry.GetAsync(db, code, DateTime.UtcNow.Year, ct);
        if (detail is null)
        {
            parse.InvocationConfiguration.Error.WriteLine(await ZoneChoices.UnknownAsync(db, code, ct) ?? $"unknown zone '{code}'");
            return Cli.NotFound;
        }
        var output = parse.InvocationConfiguration.Output;
        if (format == "json")
        {
            output.WriteLine(Json.Serialize(detail.ToResponse()));
            return 0;
        }
        var z = detail.Zone;
        output.WriteLine($"{z.Name} ({z.NameEn}) — {z.City}{z.County}, {Wire(z.Level)}, {Wire(z.Status)}, {Wire(z.Governance)}");
        output.WriteLine($"Leading industries: {string.Join("、", z.LeadingIndustries)}");
        output.WriteLine();
        TextTable.Write(output, ["date", "event", "level", "status", "act"],
            detail.Events.Select(e => (IReadOnlyList<string>)[e.EffectiveOn.ToString("yyyy-MM-dd"), Wire(e.Kind), Wire(e.Level), Wire(e.Status), e.Act]));
        return 0;
    }

    private static string Wire(Enum value) => Plans.PlanMapping.Wire(value);
}
