using System.Data.Common;
using Gaoxin.Core;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gaoxin.Data;

/// <summary>
/// Refuses any command whose text parameters hold a C0 control character (other than tab, LF, CR) before it reaches the
/// database. PostgreSQL cannot take U+0000 in text — a lookup by such a name failed there with a server error while SQLite
/// simply found nothing — so both providers now refuse it alike, as input (<see cref="InputRefusedException"/>, a 422),
/// whether it came in a URL, a JSON body or a file. Writes through EF are checked before this by <see cref="StoredText"/>,
/// which names the field.
/// </summary>
public sealed class ControlCharacterGuard : DbCommandInterceptor
{
    public static ControlCharacterGuard Instance { get; } = new();

    private static void Check(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
            if (parameter.Value is string text && InputLimits.ControlCharacterAt(text) is var at and >= 0)
                throw new InputRefusedException(new InputProblem("parameter", InputProblem.ControlCharacter, null, at));
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Check(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return ValueTask.FromResult(result);
    }
}
