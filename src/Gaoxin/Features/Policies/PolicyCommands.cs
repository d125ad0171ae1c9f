using System.CommandLine;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Portal;
using Gaoxin.Data.News;
using Gaoxin.Data.Policies;
using Gaoxin.Features.Shared;

namespace Gaoxin.Features.Policies;

/// <summary><c>gaoxin policies list</c> and <c>gaoxin news list</c>: every item with its stage now (public, scheduled, draft…).</summary>
public static class PolicyCommands
{
    private static readonly Principal Office = new(Cli.Actor, Roles.Admin, null);

    public static Command BuildPolicies()
    {
        var format = Cli.FormatOption();
        var publicOnly = new Option<bool>("--public") { Description = "only the policies the portal shows now" };
        var list = new Command("list", "list the policy library with each policy's stage and status") { format, publicOnly };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var now = TimeProvider.System.GetUtcNow();
            var policies = (await PolicyStore.EditorListAsync(db, Office, ct))
                .Select(p => (Record: p, Stage: Publication.StageAt(p.State, p.ReleaseAt, p.ExpiresAt, now), Public: PolicyStore.ToPublic(p, now)))
                .Where(p => !parse.GetValue(publicOnly) || p.Stage == PublicationStage.Public)
                .OrderBy(p => p.Record.Id, StringComparer.Ordinal).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(policies.Select(p => new { stage = Stage(p.Stage), policy = p.Public.ToResponse(withText: false) })));
                return 0;
            }
            TextTable.Write(output, ["id", "stage", "status", "level", "zones", "types", "title"], policies.Select(p => (IReadOnlyList<string>)
                [p.Record.Id, Stage(p.Stage), PolicyApi.StatusCode(p.Public.Status), PolicyApi.LevelCode(p.Record.Level) ?? "-",
                 p.Public.Zones.Count == 0 ? "province" : string.Join(",", p.Public.Zones), string.Join(",", p.Public.TargetTypes), p.Record.Title + (p.Record.IsDemo ? " [demo]" : "")]));
            return 0;
        });
        return new Command("policies", "the policy library") { list };
    }

    public static Command BuildNews()
    {
        var format = Cli.FormatOption();
        var publicOnly = new Option<bool>("--public") { Description = "only the items the portal shows now" };
        var list = new Command("list", "list news and notices with each item's stage") { format, publicOnly };
        list.SetAction(async (parse, ct) =>
        {
            await using var db = await Cli.OpenAsync(parse, ct);
            var now = TimeProvider.System.GetUtcNow();
            var items = (await NewsStore.EditorListAsync(db, Office, ct))
                .Select(n => (Record: n, Stage: Publication.StageAt(n.State, n.ReleaseAt, n.ExpiresAt, now)))
                .Where(n => !parse.GetValue(publicOnly) || n.Stage == PublicationStage.Public)
                .OrderBy(n => n.Record.Id).ToList();
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                output.WriteLine(Json.Serialize(items.Select(n => new
                {
                    id = n.Record.Id, kind = n.Record.Kind, stage = Stage(n.Stage), title = n.Record.Title, zone = n.Record.Zone, releaseAt = n.Record.ReleaseAt, isDemo = n.Record.IsDemo,
                })));
                return 0;
            }
            TextTable.Write(output, ["id", "kind", "stage", "zone", "release", "title"], items.Select(n => (IReadOnlyList<string>)
                [n.Record.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), n.Record.Kind, Stage(n.Stage), n.Record.Zone ?? "province",
                 n.Record.ReleaseAt?.ToOffset(Publication.ChinaTime).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                 n.Record.Title + (n.Record.IsDemo ? " [demo]" : "")]));
            return 0;
        });
        return new Command("news", "news and notices") { list };
    }

    private static string Stage(PublicationStage stage) => stage switch
    {
        PublicationStage.Draft => "draft",
        PublicationStage.InReview => "in_review",
        PublicationStage.Scheduled => "scheduled",
        PublicationStage.Public => "public",
        PublicationStage.Expired => "expired",
        _ => "withdrawn",
    };
}
