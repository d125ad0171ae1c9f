using Gaoxin.Data;
using Npgsql;

namespace Gaoxin.Tests.Support;

/// <summary>Hands each test a fresh, empty database of one provider and removes it afterwards.</summary>
public interface ITestStore : IAsyncDisposable
{
    DatabaseProvider Provider { get; }

    /// <summary>The value a user would pass as <c>--db</c>.</summary>
    string DbArgument { get; }

    DatabaseLocation Location => DatabaseLocation.Parse(DbArgument);
}

/// <summary>A SQLite file in a fresh temporary folder.</summary>
public sealed class SqliteTestStore : ITestStore
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gaoxin-test-").FullName;

    public DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string DbArgument => Path.Combine(_folder, "gaoxin.db");

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// A database of its own on the PostgreSQL server named by <c>GAOXIN_TEST_POSTGRES</c> (a connection string
/// without a database). The test command starts that server; without it these tests fail rather than skip.
/// </summary>
public sealed class PostgresTestStore : ITestStore
{
    public const string Variable = "GAOXIN_TEST_POSTGRES";
    private readonly string _server;
    private readonly string _database = $"gaoxin_test_{Guid.NewGuid():N}";

    public PostgresTestStore()
    {
        _server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set: run the tests with scripts/test.sh, which installs and starts PostgreSQL, " +
                $"or set it to a connection string such as Host=127.0.0.1;Username=postgres;Password=…");
    }

    public DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string DbArgument => new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ToString();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ToString());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
