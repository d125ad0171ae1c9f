using System.CommandLine;
using Gaoxin.Core.Plans;
using Gaoxin.Core.Zones;
using Gaoxin.Data.Zones;
using Gaoxin.Features.Shared;

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

        return new Command("zones", "the zone registry") { list, show, BuildRecord() };
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
            parse.InvocationConfiguration.Error.WriteLine($"No zone '{code}'.");
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
