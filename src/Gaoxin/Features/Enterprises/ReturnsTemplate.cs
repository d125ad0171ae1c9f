using System.Text;
using Gaoxin.Data.Enterprises;

namespace Gaoxin.Features.Enterprises;

/// <summary>
/// <c>GET /enterprises/returns-template.csv</c>: the header of the enterprise returns file, in the order the import reads it,
/// with a byte-order mark so that Excel opens it as UTF-8 and keeps Chinese names legible when it is saved again. Public:
/// it holds no data, and enterprises preparing their returns need it as much as the zones do.
/// </summary>
public static class ReturnsTemplate
{
    public const string Path = "/enterprises/returns-template.csv";

    public static void MapReturnsTemplate(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, () => TypedResults.File(Content(), "text/csv; charset=utf-8", "enterprise-returns-template.csv"))
            .ExcludeFromDescription().AllowAnonymous();

    /// <summary>The file: BOM, then the columns of <see cref="EnterpriseImport.Columns"/> as one CSV line.</summary>
    public static byte[] Content() =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join(",", EnterpriseImport.Columns) + "\r\n")];
}
