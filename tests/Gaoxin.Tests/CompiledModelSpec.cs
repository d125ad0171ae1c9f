using Gaoxin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gaoxin.Tests;

/// <summary>
/// The store runs on a model compiled ahead of time (src/Gaoxin.Data/CompiledModels, one per provider), which spares every
/// start the model build. It must be the model the code describes: after any change to the model, regenerate it with
/// <c>scripts/ef-compiled-models.sh</c>, or these specifications fail and say so.
/// </summary>
public class CompiledModelSpec
{
    private static GaoxinDb Context(DatabaseProvider provider) => GaoxinDatabase.CreateContext(provider == DatabaseProvider.Sqlite
        ? DatabaseLocation.ForSqliteFile(Path.Combine(Path.GetTempPath(), "never-opened.db"))
        : new DatabaseLocation(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=never_opened"));

    private const string Regenerate = "the compiled model differs from the model the code builds: run scripts/ef-compiled-models.sh";

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_store_runs_on_its_providers_compiled_model(DatabaseProvider provider)
    {
        using var db = Context(provider);

        var expected = provider == DatabaseProvider.Sqlite
            ? Data.CompiledModels.Sqlite.SqliteGaoxinDbModel.Instance
            : Data.CompiledModels.Postgres.PostgresGaoxinDbModel.Instance;
        Assert.Same(expected, db.Model);
        Assert.IsAssignableFrom<RuntimeModel>(db.Model);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void The_compiled_model_is_the_model_the_code_builds(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var compiled = db.Model;
        // The design-time model is built from GaoxinDb.OnModelCreating every time (the migrations tooling compares with it).
        var built = db.GetService<IDesignTimeModel>().Model;
        Assert.NotSame(compiled, built);

        // The migrations differ cannot read a compiled model (it keeps only what queries and saves need), so both models are
        // described line by line, entity side and table side, and a failure names what differs.
        Assert.True(Describe(built).SequenceEqual(Describe(compiled)), $"{provider}: {Regenerate}\n{Difference(Describe(built), Describe(compiled))}");
        Assert.True(Describe(built.GetRelationalModel()).SequenceEqual(Describe(compiled.GetRelationalModel())),
            $"{provider}: {Regenerate}\n{Difference(Describe(built.GetRelationalModel()), Describe(compiled.GetRelationalModel()))}");
    }

    /// <summary>Every entity type with its properties, keys, indexes, foreign keys and navigations, one line each.</summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            lines.Add($"entity {entity.Name} table {entity.GetTableName()} base {entity.BaseType?.Name}");
            foreach (var p in entity.GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                var mapping = p.GetTypeMapping();
                lines.Add($"  property {entity.Name}.{p.Name} {p.ClrType.Name} null={p.IsNullable} max={p.GetMaxLength()} precision={p.GetPrecision()},{p.GetScale()} "
                    + $"generated={p.ValueGenerated} concurrency={p.IsConcurrencyToken} converter={mapping.Converter?.ProviderClrType.Name} store={(mapping as Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)?.StoreType}");
            }
            foreach (var k in entity.GetKeys())
                lines.Add($"  key {entity.Name}({Names(k.Properties)}) primary={k.IsPrimaryKey()}");
            foreach (var i in entity.GetIndexes())
                lines.Add($"  index {entity.Name}({Names(i.Properties)}) unique={i.IsUnique} name={i.GetDatabaseName()}");
            foreach (var f in entity.GetForeignKeys())
                lines.Add($"  foreign key {entity.Name}({Names(f.Properties)}) → {f.PrincipalEntityType.Name} {f.DeleteBehavior} required={f.IsRequired}");
            foreach (var n in entity.GetNavigations())
                lines.Add($"  navigation {entity.Name}.{n.Name} → {n.TargetEntityType.Name}");
        }
        lines.Sort(StringComparer.Ordinal);
        lines.Insert(0, $"{model.GetEntityTypes().Count()} entity types, {model.GetEntityTypes().Sum(e => e.GetProperties().Count())} properties, "
            + $"{model.GetEntityTypes().Sum(e => e.GetKeys().Count())} keys, {model.GetEntityTypes().Sum(e => e.GetIndexes().Count())} indexes, "
            + $"{model.GetEntityTypes().Sum(e => e.GetForeignKeys().Count())} foreign keys");
        return lines;
    }

    /// <summary>Every table with its columns, primary key, indexes and foreign-key constraints, one line each.</summary>
    private static List<string> Describe(IRelationalModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.Tables)
        {
            lines.Add($"table {table.Name} pk {table.PrimaryKey?.Name}({string.Join(",", table.PrimaryKey?.Columns.Select(c => c.Name) ?? [])})");
            foreach (var c in table.Columns) lines.Add($"  column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable}");
            foreach (var i in table.Indexes) lines.Add($"  index {table.Name}.{i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}");
            foreach (var f in table.ForeignKeyConstraints) lines.Add($"  fk {table.Name}.{f.Name} → {f.PrincipalTable.Name} {f.OnDeleteAction}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Difference(List<string> built, List<string> compiled) =>
        string.Join("\n", built.Except(compiled).Select(l => "only in the code: " + l).Concat(compiled.Except(built).Select(l => "only in the compiled model: " + l)).Take(20));

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(",", properties.Select(p => p.Name));
}
