using Npgsql;

namespace Gaoxin.Bench.Support;

/// <summary>
/// The PostgreSQL stores of the bench's PostgreSQL rows (when <c>GAOXIN_BENCH_POSTGRES</c> holds a connection string): a
/// prepared template, a fresh copy of it before each run that changes its store (<c>CREATE DATABASE … TEMPLATE</c>, not
/// timed), and the platform's ten-year panel, imported once and kept between bench runs while it holds the panel's rows.
/// </summary>
public sealed class PostgresStores(string server)
{
    public const string Variable = "GAOXIN_BENCH_POSTGRES";

    /// <summary>The server named by <see cref="Variable"/>, or null when the PostgreSQL rows are not wanted.</summary>
    public static PostgresStores? FromEnvironment() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? new PostgresStores(server) : null;

    /// <summary>The connection string of database <paramref name="name"/> on the server.</summary>
    public string On(string name) => new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;

    /// <summary>A name of this bench process (so two bench runs never share a scratch database).</summary>
    public static string Scratch(string role) => $"gaoxin_bench_{Environment.ProcessId}_{role}";

    public void Admin(string sql)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        command.ExecuteNonQuery();
    }

    public void Drop(params string[] names)
    {
        foreach (var name in names) Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>A migrated database with the generated zones and elements f01…f82 registered, nothing imported.</summary>
    public string Template(string name, Dataset data)
    {
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name}");
        Datasets.PrepareStore(On(name), data.Zones);
        NpgsqlConnection.ClearAllPools();
        return name;
    }

    /// <summary>Replaces <paramref name="name"/> by a fresh copy of <paramref name="template"/>.</summary>
    public void Fresh(string name, string template) =>
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE); CREATE DATABASE {name} TEMPLATE {template}");

    /// <summary>
    /// The platform's store of the ten-year panel on PostgreSQL (<c>gaoxin enterprises import</c>, not timed), kept between
    /// bench runs under a name of its size and reused while it holds the panel's rows; null with the status when the import failed.
    /// </summary>
    public (string? Connection, string? Status) Panel(Dataset panel, string sizeName)
    {
        var name = $"gaoxin_bench_panel_{sizeName}";
        var connection = On(name);
        if (Rows(connection) != panel.Rows)
        {
            Template(name, panel);
            var import = Child.Gaoxin("enterprises", "import", panel.Enterprises, "--db", connection);
            if (import.ExitCode != 0) return (null, $"panel import failed ({import.Describe()})");
        }
        // The rebuild reads the covering index only where the visibility map says its pages are all-visible, as autovacuum
        // leaves a table some time after an import: the bench does it at once rather than wait for it (quick when done).
        using (var vacuum = new NpgsqlConnection(connection))
        {
            vacuum.Open();
            foreach (var table in new[] { "enterprise_returns", "enterprises" })
            {
                using var command = vacuum.CreateCommand();
                command.CommandText = $"VACUUM ANALYZE {table}";
                command.CommandTimeout = 600;
                command.ExecuteNonQuery();
            }
        }
        NpgsqlConnection.ClearAllPools();
        return (connection, null);
    }

    private static long Rows(string connection)
    {
        try
        {
            using var open = new NpgsqlConnection(connection);
            open.Open();
            using var command = open.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM enterprise_returns";
            return Convert.ToInt64(command.ExecuteScalar());
        }
        catch (PostgresException) { return -1; } // no such database or table yet
    }
}
