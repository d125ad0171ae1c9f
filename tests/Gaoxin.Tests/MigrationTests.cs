using Gaoxin.Data;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Tests;

/// <summary>Each provider's migration set matches the model, so a fresh database gets every table.</summary>
public class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Migrations_are_up_to_date_with_the_model(DatabaseProvider provider)
    {
        var location = provider == DatabaseProvider.Sqlite
            ? DatabaseLocation.ForSqliteFile(Path.Combine(Path.GetTempPath(), "never-opened.db"))
            : new DatabaseLocation(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=never_opened");
        using var db = GaoxinDatabase.CreateContext(location);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: add one with dotnet ef migrations add.");
        Assert.NotEmpty(db.Database.GetMigrations());
    }
}
