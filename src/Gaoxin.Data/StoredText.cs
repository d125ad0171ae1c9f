using Gaoxin.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Gaoxin.Data;

/// <summary>
/// The last check before text reaches the store, for every write made through EF on either provider: no C0 control
/// characters (PostgreSQL refuses U+0000 with an error where SQLite would keep it), and no text longer than its column's
/// limit — the model's maximum length where it declares one, else <see cref="InputLimits"/> by the kind of field. The edges
/// (the API, the pages, the importers) check first and say where; this guard makes sure nothing they miss is stored.
/// </summary>
public static class StoredText
{
    /// <summary>Throws <see cref="InputRefusedException"/> for the first added or changed text that breaks a limit.</summary>
    public static void Check(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string text) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var field = Field(property);
                if (InputLimits.ControlCharacterAt(text) is var at and >= 0)
                    throw new InputRefusedException(new InputProblem(field, InputProblem.ControlCharacter, null, at));
                if (LimitOf(entry, property) is { } limit && text.Length > limit)
                    throw new InputRefusedException(new InputProblem(field, InputProblem.TooLong, limit, null));
            }
        }
    }

    /// <summary>The field as a client names it: <c>name</c>, <c>comment</c>.</summary>
    private static string Field(PropertyEntry property) =>
        char.ToLowerInvariant(property.Metadata.Name[0]) + property.Metadata.Name[1..];

    private static int? LimitOf(EntityEntry entry, PropertyEntry property)
    {
        if (property.Metadata.GetMaxLength() is { } declared) return declared;
        // The audit trail only repeats text checked where it came from (and keeps JSON of whole changes).
        if (entry.Entity is Collection.AuditRecord) return null;
        return property.Metadata.Name switch
        {
            "Name" or "NameEn" or "DisplayName" or "Contact" or "ResponsibleUnit" or "Owner" or "City" or "County" or "Industry" => InputLimits.Name,
            "Title" or "TitleEn" or "Unit" or "Subtype" or "Level" => InputLimits.Title,
            "Comment" or "DecisionComment" or "Note" or "Result" or "Text" or "Message" or "MessageEn" => InputLimits.Comment,
            "Attributes" => InputLimits.FreeText,
            _ => null,
        };
    }
}
