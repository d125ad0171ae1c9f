using System.Security.Cryptography;
using System.Text;
using Gaoxin.Core.Collection;
using Gaoxin.Core.Formulas;
using Gaoxin.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Gaoxin.Data.Collection;

/// <summary>The data set (elements, rules, outlier settings) in the store, and the units that report against it.</summary>
public static class DataSetStore
{
    /// <summary>Loads the bundled data set file (the first <c>*.yaml</c> of the folder) unless the store holds it already.</summary>
    /// <exception cref="PlanFileException">The file is invalid.</exception>
    public static async Task LoadBundledAsync(GaoxinDb db, string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder)) return;
        var path = Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal).FirstOrDefault();
        if (path is null) return;
        var yaml = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        var existing = await db.DataSets.OrderBy(s => s.Id).FirstOrDefaultAsync(cancellationToken);
        // Held in this form already: not parsed again on every start.
        if (existing?.ContentHash == hash) return;
        var (set, errors) = DataSetParser.Parse(path, yaml);
        if (set is null) throw new PlanFileException(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (existing is not null) db.DataSets.Remove(existing);
        db.DataSets.Add(new DataSetRecord
        {
            Id = set.Id, Version = set.Version, Title = set.Title, TitleEn = set.TitleEn, ProvinceCode = set.ProvinceCode,
            ProvinceName = set.ProvinceName, ProvinceNameEn = set.ProvinceNameEn, YearOnYearChange = set.Outliers.YearOnYearChange,
            MedianDeviations = set.Outliers.MedianDeviations, MinimumHistory = set.Outliers.MinimumHistory, ContentHash = hash,
        });
        var elements = await db.DataElements.ToDictionaryAsync(e => e.Code, cancellationToken);
        foreach (var (element, ordinal) in set.Elements.Select((e, i) => (e, i)))
        {
            if (!elements.TryGetValue(element.Code, out var record))
            {
                record = new DataElementRecord { Code = element.Code, Name = element.Name, NameEn = element.NameEn, Unit = element.Unit };
                db.DataElements.Add(record);
            }
            record.Ordinal = ordinal;
            record.Name = element.Name;
            record.NameEn = element.NameEn;
            record.Unit = element.Unit;
            record.Type = element.Type;
            record.Min = element.Min;
            record.Max = element.Max;
            record.ProvinceLevel = element.ProvinceLevel;
            record.Group = element.Group;
            record.Derived = element.DerivedText;
            record.AddedByOffice = false;
        }
        db.ValidationRules.RemoveRange(await db.ValidationRules.ToListAsync(cancellationToken));
        db.ValidationRules.AddRange(set.Rules.Select((r, i) => new ValidationRuleRecord
        {
            Id = r.Id, Ordinal = i, CheckText = r.CheckText, Severity = r.Severity, Message = r.Message, MessageEn = r.MessageEn,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The data set in force, with the elements the office added.</summary>
    public static async Task<DataSetDefinition> GetAsync(GaoxinDb db, CancellationToken cancellationToken)
    {
        var set = await db.DataSets.AsNoTracking().OrderBy(s => s.Id).FirstAsync(cancellationToken);
        var elements = await db.DataElements.AsNoTracking().OrderBy(e => e.Ordinal).ThenBy(e => e.Code).ToListAsync(cancellationToken);
        var rules = await db.ValidationRules.AsNoTracking().OrderBy(r => r.Ordinal).ToListAsync(cancellationToken);
        return new DataSetDefinition(set.Id, set.Version, set.Title, set.TitleEn, set.ProvinceCode, set.ProvinceName, set.ProvinceNameEn,
            elements.Select(e => e.ToElement()).ToList(),
            rules.Select(r => new ValidationRule(r.Id, r.CheckText, Comparison.Parse(r.CheckText), r.Severity, r.Message, r.MessageEn)).ToList(),
            new OutlierSettings(set.YearOnYearChange, set.MedianDeviations, set.MinimumHistory));
    }

    /// <summary>Every unit that reports: the zones of the registry, then the province.</summary>
    public static async Task<List<ReportingUnit>> UnitsAsync(GaoxinDb db, DataSetDefinition set, CancellationToken cancellationToken)
    {
        var zones = await Zones.ZoneRegistry.ListAsync(db, cancellationToken);
        return [.. zones.Select(z => new ReportingUnit(z.Code, z.Name, false)), new ReportingUnit(set.ProvinceCode, set.ProvinceName, true)];
    }

    /// <summary>Adds an element to the data set (the office's own), refusing a code already in use.</summary>
    public static async Task<string?> AddElementAsync(GaoxinDb db, DataElement element, CancellationToken cancellationToken)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(element.Code, "^[a-z][a-z0-9_]*$")) return "bad_id";
        if (await db.DataElements.AnyAsync(e => e.Code == element.Code, cancellationToken)) return "duplicate_id";
        var ordinal = await db.DataElements.MaxAsync(e => (int?)e.Ordinal, cancellationToken) ?? 0;
        db.DataElements.Add(new DataElementRecord
        {
            Code = element.Code, Ordinal = ordinal + 1, Name = element.Name, NameEn = element.NameEn, Unit = element.Unit,
            Type = element.Type, Min = element.Min, Max = element.Max, ProvinceLevel = element.ProvinceLevel, AddedByOffice = true,
        });
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }
}
