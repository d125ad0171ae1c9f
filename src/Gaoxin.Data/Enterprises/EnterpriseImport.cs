using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Gaoxin.Core.Collection;
using Gaoxin.Data.Collection;
using Gaoxin.Data.Imports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Sylvan.Data.Csv;

namespace Gaoxin.Data.Enterprises;

/// <summary>What an import of enterprise returns did.</summary>
/// <param name="BatchId">The import's id, on every row it wrote and in the audit.</param>
/// <param name="Applied">True when the rows were stored; false when any error refused the whole file.</param>
/// <param name="Problems">The errors, in file order, at most <see cref="EnterpriseImport.MaxProblems"/>.</param>
/// <param name="ErrorCount">All errors found, including those beyond the cap.</param>
/// <param name="Rows">Data rows read.</param>
/// <param name="Years">The years the file holds.</param>
/// <param name="ZoneYears">Distinct zone-years the file holds.</param>
/// <param name="Aggregates">What the aggregate recomputation did, when applied.</param>
/// <param name="Elapsed">Wall time of the whole import.</param>
public sealed record EnterpriseImportOutcome(
    string BatchId, bool Applied, IReadOnlyList<DataProblem> Problems, int ErrorCount, int Rows, IReadOnlyList<int> Years, int ZoneYears,
    AggregateOutcome? Aggregates, TimeSpan Elapsed)
{
    public bool HasErrors => ErrorCount > 0;
}

/// <summary>
/// Imports the enterprises' yearly returns from CSV (<c>gaoxin enterprises import</c>), all or nothing, in one streaming pass:
/// each row is validated as it is read and written at once into a staging table through the provider's bulk path (one
/// prepared INSERT per row bound by position on SQLite, binary COPY on PostgreSQL) inside one transaction; the registry
/// tables are then filled by set-based statements, and the transaction is rolled back if any row is wrong. Memory stays flat in the number of rows: no row is kept after it is written, and duplicates of
/// (credit_code, year) are found by the database, not by a set in memory. Re-importing an enterprise-year replaces it.
/// </summary>
public static class EnterpriseImport
{
    /// <summary>The return's own columns, in the order the file template lists them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "credit_code", "name", "zone", "year", "registered_on", "industry", "is_hte", "revenue", "employees", "st_employees",
        "rd_expense", "st_expense", "high_tech_revenue", "net_assets", "exports", "vc_received", "valuation_usd_m", "listed",
    ];

    /// <summary>Errors reported at most; counting goes on past it.</summary>
    public const int MaxProblems = 100;

    /// <summary>Progress is reported every so many rows read.</summary>
    public const int ProgressRows = 2_000;

    /// <summary>How the import is recorded in the audit.</summary>
    public const string AuditAction = "enterprises_imported";

    /// <summary>
    /// Imports a file. <paramref name="fileName"/> names it in problems. With <paramref name="gazelles"/>, the gazelle counts
    /// of the touched years (and of the years that look back at them) are recomputed with the aggregates. With
    /// <paramref name="progress"/>, where the import has got to is reported every <see cref="ProgressRows"/> rows and at
    /// each stage; cancelling <paramref name="cancellationToken"/> stops it between rows and rolls everything back.
    /// </summary>
    public static async Task<EnterpriseImportOutcome> ImportAsync(GaoxinDb db, Stream stream, string fileName, string actor, string via,
        TimeProvider clock, CancellationToken cancellationToken, GazelleCounting? gazelles = null, Action<ImportProgress>? progress = null)
    {
        long? total = null;
        try { if (stream.CanSeek) total = stream.Length - stream.Position; }
        catch (NotSupportedException) { }
        var counted = new CountingStream(stream);
        using var job = Telemetry.Start(Telemetry.Jobs.EnterpriseImport);
        var watch = Stopwatch.StartNew();
        var batch = Guid.NewGuid().ToString("N")[..16];
        var set = await DataSetStore.GetAsync(db, cancellationToken);
        var zones = await db.Zones.AsNoTracking().Select(z => new { z.Code, z.Name }).ToListAsync(cancellationToken);
        var zoneLookup = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var z in zones) zoneLookup.TryAdd(z.Code, z.Code);
        foreach (var z in zones) zoneLookup.TryAdd(z.Name, z.Code);
        var elements = set.Elements.Where(e => !e.ProvinceLevel).ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase);

        var problems = new ProblemList(fileName);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var timings = StartupTimings.Start(); // GAOXIN_TIMINGS: the import's stages, for profiles
            var reader = new ReturnReader(problems, zoneLookup, elements) { CancellationToken = cancellationToken };
            void Report(string stage) => progress?.Invoke(new ImportProgress(stage, counted.BytesRead, total, reader.RowsRead, reader.RowsValidated));
            if (progress is not null) reader.OnRows = () => Report("reading");
            int rows;
            IReadOnlyList<int> fresh = [];
            // Parse and validate on this thread, the provider's bulk write on another (PipelinedReturnWriter).
            await using (var writer = new PipelinedReturnWriter(await OpenWriterAsync(db, transaction, batch, cancellationToken), cancellationToken))
            {
                using (var text = CsvText.Open(counted))
                {
                    rows = reader.Read(text, writer);
                }
                timings?.Mark("import: read, validated and staged");
                Report("checking");
                foreach (var (row, firstRow, code, year) in await writer.DuplicatesAsync(MaxProblems, cancellationToken))
                    problems.Add(row, "credit_code", "duplicate_row", $"{code} {year}", firstRow.ToString(CultureInfo.InvariantCulture));
                timings?.Mark("import: repeats checked");
                if (problems.Count == 0)
                {
                    // One pass: the years that have no stored return yet will hold exactly this file's rows, so their
                    // aggregates are the sums taken while reading; the others are grouped from the store after the write.
                    fresh = await EnterpriseAggregates.YearsWithoutReturnsAsync(db, transaction, reader.Years, cancellationToken);
                    Report("storing");
                    await writer.StoreAsync(cancellationToken);
                    timings?.Mark("import: stored into enterprises and enterprise_returns");
                }
            }

            var years = reader.Years.Order().ToList();
            if (problems.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new EnterpriseImportOutcome(batch, false, problems.Sorted(), problems.Count, rows, years, reader.ZoneYears.Count, null, watch.Elapsed);
            }

            // The returns were written by the bulk path, not the save, and so raise the store version themselves
            // (the aggregates below raise it again for theirs; the audit record alone would not).
            await StoreVersion.RaiseAsync(db, cancellationToken);
            CrashPoint.Reach("mid-write");
            Report("aggregating");
            var aggregates = await EnterpriseAggregates.RecomputeAsync(db, transaction, years, gazelles, cancellationToken, reader.Sums.Only(fresh));
            db.Audit.Add(new AuditRecord
            {
                At = clock.GetUtcNow(), Actor = actor, Via = via, BatchId = batch, UnitCode = set.ProvinceCode, Year = years.Count > 0 ? years[^1] : 0,
                Action = AuditAction, NewValue = rows,
                Comment = $"{fileName}: {rows} returns, {reader.ZoneYears.Count} zone-years, years {string.Join(",", years)}",
            });
            await db.SaveChangesAsync(cancellationToken);
            CrashPoint.Reach("before-commit");
            Report("committing");
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None);
            timings?.Mark("import: audited and committed");
            job.Stored(rows);
            return new EnterpriseImportOutcome(batch, true, [], 0, rows, years, reader.ZoneYears.Count, aggregates, watch.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReturnWriter> OpenWriterAsync(GaoxinDb db, IDbContextTransaction transaction, string batch, CancellationToken cancellationToken) =>
        db is SqliteGaoxinDb
            ? SqliteReturnWriter.Open(db, batch)
            : await PostgresReturnWriter.OpenAsync(db, transaction, batch, cancellationToken);
}

/// <summary>One validated row, reused from row to row so that reading allocates nothing per row beyond the field texts.</summary>
internal sealed class ReturnRow
{
    public int SourceRow;
    public string CreditCode = "";
    public string Name = "";
    public string Zone = "";
    public int Year;
    public DateOnly? RegisteredOn;
    public string? Industry;
    public bool IsHte;
    public decimal? Revenue;
    public int? Employees;
    public int? StEmployees;
    public decimal? RdExpense;
    public decimal? StExpense;
    public decimal? HighTechRevenue;
    public decimal? NetAssets;
    public decimal? Exports;
    public decimal? VcReceived;
    public decimal? ValuationUsdM;
    public bool Listed;

    /// <summary>The further figures as the UTF-8 text of a JSON object (element code → number), reused from row to row; none when <see cref="ExtraLength"/> is 0.</summary>
    public byte[] ExtraUtf8 = [];
    public int ExtraLength;

    /// <summary>The further figures as a string, or null (for the writers that want one).</summary>
    public string? Extra => ExtraLength == 0 ? null : Encoding.UTF8.GetString(ExtraUtf8, 0, ExtraLength);

    /// <summary>Copies every field into <paramref name="other"/>, reusing its buffer for the further figures.</summary>
    public void CopyTo(ReturnRow other)
    {
        other.SourceRow = SourceRow;
        other.CreditCode = CreditCode;
        other.Name = Name;
        other.Zone = Zone;
        other.Year = Year;
        other.RegisteredOn = RegisteredOn;
        other.Industry = Industry;
        other.IsHte = IsHte;
        other.Revenue = Revenue;
        other.Employees = Employees;
        other.StEmployees = StEmployees;
        other.RdExpense = RdExpense;
        other.StExpense = StExpense;
        other.HighTechRevenue = HighTechRevenue;
        other.NetAssets = NetAssets;
        other.Exports = Exports;
        other.VcReceived = VcReceived;
        other.ValuationUsdM = ValuationUsdM;
        other.Listed = Listed;
        if (other.ExtraUtf8.Length < ExtraLength) other.ExtraUtf8 = new byte[ExtraUtf8.Length];
        ExtraUtf8.AsSpan(0, ExtraLength).CopyTo(other.ExtraUtf8);
        other.ExtraLength = ExtraLength;
    }
}

/// <summary>
/// Runs the provider's bulk writer on a thread of its own, so that parsing and validating (the reader's thread) and
/// writing use both cores. Rows go through a bounded queue in batches of <see cref="BatchRows"/> copies taken from a pool
/// that the writer returns them to (one hand-over per batch, not per row), so memory stays flat in the number of rows;
/// they are written in file order. A failure of the writer stops the reader at its next batch and is rethrown there;
/// cancelling stops both. Nothing is kept or committed here: the caller's transaction still decides.
/// </summary>
internal sealed class PipelinedReturnWriter : IReturnWriter
{
    private const int BatchRows = 512;
    private const int Batches = 4;
    private readonly IReturnWriter inner;
    private readonly BlockingCollection<(ReturnRow[] Rows, int Count)> queue = new(Batches);
    private readonly ConcurrentQueue<ReturnRow[]> pool = new();
    private readonly CancellationTokenSource stop;
    private readonly Task consumer;
    private ReturnRow[] batch;
    private int count;

    public PipelinedReturnWriter(IReturnWriter inner, CancellationToken cancellationToken)
    {
        this.inner = inner;
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        batch = NewBatch();
        consumer = Task.Factory.StartNew(Consume, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private static ReturnRow[] NewBatch()
    {
        var rows = new ReturnRow[BatchRows];
        for (var i = 0; i < rows.Length; i++) rows[i] = new ReturnRow();
        return rows;
    }

    private void Consume()
    {
        try
        {
            foreach (var (rows, n) in queue.GetConsumingEnumerable(stop.Token))
            {
                for (var i = 0; i < n; i++) inner.Write(rows[i]);
                pool.Enqueue(rows);
            }
        }
        catch
        {
            stop.Cancel(); // the reader stops at its next batch
            throw;
        }
    }

    /// <summary>Queues a copy of the row; the stores used here report repeats only after the last row, so this returns null.</summary>
    public int? Write(ReturnRow row)
    {
        row.CopyTo(batch[count++]);
        if (count == BatchRows) Hand();
        return null;
    }

    private void Hand()
    {
        try
        {
            queue.Add((batch, count), stop.Token);
        }
        catch (OperationCanceledException)
        {
            Finish(); // the writer's own failure, if it failed, rather than the cancellation it caused
            throw;
        }
        batch = pool.TryDequeue(out var free) ? free : NewBatch();
        count = 0;
    }

    /// <summary>Hands over the last rows and waits until the writer has written them all; rethrows its failure.</summary>
    private void Finish()
    {
        if (!queue.IsAddingCompleted)
        {
            if (count > 0 && !stop.IsCancellationRequested) Hand();
            queue.CompleteAdding();
        }
        consumer.GetAwaiter().GetResult();
    }

    public Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken)
    {
        Finish();
        return inner.DuplicatesAsync(limit, cancellationToken);
    }

    public Task StoreAsync(CancellationToken cancellationToken)
    {
        Finish();
        return inner.StoreAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!queue.IsAddingCompleted) queue.CompleteAdding();
        if (!consumer.IsCompleted) await stop.CancelAsync();
        try { await consumer.ConfigureAwait(false); }
        catch (Exception) when (consumer.IsFaulted || consumer.IsCanceled) { } // already rethrown to the reader, or the import is being abandoned
        await inner.DisposeAsync();
        queue.Dispose();
        stop.Dispose();
    }
}

/// <summary>
/// The store's bulk path for returns, one per provider. Rows go in as they are read; the caller's transaction decides
/// whether they stay.
/// </summary>
internal interface IReturnWriter : IAsyncDisposable
{
    /// <summary>Writes a valid row; returns the file row of an earlier row of this import with the same enterprise-year when the store tells at once, else null.</summary>
    int? Write(ReturnRow row);

    /// <summary>After the last row: repeated enterprise-years the store finds only now, up to <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<(int Row, int FirstRow, string CreditCode, int Year)>> DuplicatesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Puts the rows into <c>enterprises</c> and <c>enterprise_returns</c> where they are not there yet.</summary>
    Task StoreAsync(CancellationToken cancellationToken);
}

/// <summary>Errors with their place, capped at <see cref="EnterpriseImport.MaxProblems"/> kept but all counted.</summary>
internal sealed class ProblemList(string file)
{
    private readonly List<DataProblem> kept = [];

    public int Count { get; private set; }

    public bool Full => kept.Count >= EnterpriseImport.MaxProblems;

    public void Add(int row, string? column, string code, string? value = null, string? detail = null, string? unit = null)
    {
        Count++;
        if (!Full) kept.Add(new DataProblem(file, null, row, column, unit, null, value, code, Severity.Error, detail));
    }

    public IReadOnlyList<DataProblem> Sorted() => kept.OrderBy(p => p.Row).ToList();
}

/// <summary>Reads the CSV: the header, then each row checked, parsed into a <see cref="ReturnRow"/> and handed to the writer.</summary>
internal sealed class ReturnReader(ProblemList problems, IReadOnlyDictionary<string, string> zones, IReadOnlyDictionary<string, DataElement> elements)
{
    private const decimal Largest = 99_999_999_999_999m; // what numeric(20,6) holds in whole units
    private const int MaxDecimals = 6;
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyyMMdd"];

    private readonly ReturnRow row = new();
    private int[] ordinals = [];
    private string[] fields = [];
    private CsvDataReader? csv;
    private (int Ordinal, DataElement Element, byte[] Name)[] extras = [];

    public HashSet<int> Years { get; } = [];

    /// <summary>The zone-year aggregates of the rows handed to the writer (the one pass; used only when the file is stored).</summary>
    public ZoneYearSums Sums { get; } = new();

    /// <summary>Data rows read so far.</summary>
    public int RowsRead { get; private set; }

    /// <summary>Rows read so far that passed every check.</summary>
    public int RowsValidated { get; private set; }

    /// <summary>Called every <see cref="EnterpriseImport.ProgressRows"/> rows, when set.</summary>
    public Action? OnRows { get; set; }

    /// <summary>Checked every <see cref="EnterpriseImport.ProgressRows"/> rows: a cancelled import stops between rows.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Zone-years seen: bounded by zones × years, not by rows.</summary>
    public HashSet<(string Zone, int Year)> ZoneYears { get; } = [];

    /// <summary>Reads every row; returns how many data rows the file holds.</summary>
    public int Read(TextReader text, IReturnWriter writer)
    {
        var rows = 0;
        try
        {
            // As the interchange CSV: delimiter fixed, comments off, the header read as an ordinary record to know its row.
            using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false, Delimiter = ',', Comment = '\0' });
            string[] header;
            do
            {
                if (!csv.Read())
                {
                    problems.Add(0, null, "empty_file");
                    return 0;
                }
                header = Enumerable.Range(0, csv.RowFieldCount).Select(csv.GetString).ToArray();
            } while (header.All(string.IsNullOrWhiteSpace));
            if (!Header(csv.RowNumber, header)) return 0;

            fields = new string[header.Length];
            while (csv.Read())
            {
                var count = csv.RowFieldCount;
                if (IsBlank(csv, count)) continue;
                rows++;
                RowsRead = rows;
                if (rows % EnterpriseImport.ProgressRows == 0)
                {
                    CancellationToken.ThrowIfCancellationRequested();
                    OnRows?.Invoke();
                }
                if (count != header.Length)
                {
                    problems.Add(csv.RowNumber, null, "wrong_column_count", count.ToString(CultureInfo.InvariantCulture), header.Length.ToString(CultureInfo.InvariantCulture));
                    continue;
                }
                // The return's own columns are read once into the reused array; the further (numeric) columns are read as
                // spans where they are used, so a row allocates no string for them.
                foreach (var ordinal in ordinals) fields[ordinal] = csv.GetString(ordinal);
                this.csv = csv;
                var before = problems.Count;
                if (!Parse(csv.RowNumber) || problems.Count > before) continue;
                RowsValidated++;
                // Once the cap is reached nothing will be stored; stop writing, keep counting.
                if (problems.Full) continue;
                Sums.Add(row);
                if (writer.Write(row) is { } firstRow)
                    problems.Add(row.SourceRow, "credit_code", "duplicate_row", $"{row.CreditCode} {row.Year}", firstRow.ToString(CultureInfo.InvariantCulture));
            }
            if (rows == 0) problems.Add(0, null, "empty_file");
        }
        catch (CsvInvalidCharacterException e)
        {
            problems.Add(e.RowNumber, null, "bad_quotes");
        }
        catch (CsvFormatException e)
        {
            problems.Add(e.RowNumber, null, "unreadable_file");
        }
        return rows;
    }

    private static bool IsBlank(CsvDataReader csv, int count)
    {
        for (var i = 0; i < count; i++)
            if (!csv.GetFieldSpan(i).IsWhiteSpace()) return false;
        return true;
    }

    /// <summary>Maps the header: the return's columns (all required) and further columns naming a data element.</summary>
    private bool Header(int headerRow, string[] fields)
    {
        if (fields.Any(f => f.Contains('\uFFFD')))
        {
            problems.Add(headerRow, null, "not_utf8");
            return false;
        }
        if (fields.Length == 1 && (fields[0].Contains(';') || fields[0].Contains('\t')))
        {
            problems.Add(headerRow, null, "wrong_delimiter", fields[0].Trim(), fields[0].Contains(';') ? ";" : "tab");
            return false;
        }
        ordinals = new int[EnterpriseImport.Columns.Count];
        Array.Fill(ordinals, -1);
        var extraList = new List<(int, DataElement, byte[])>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var ok = true;
        for (var i = 0; i < fields.Length; i++)
        {
            var name = ImportRules.Clean(fields[i]).ToLowerInvariant();
            if (seen.TryGetValue(name, out var first))
            {
                problems.Add(headerRow, name, "header_duplicate", name, (first + 1).ToString(CultureInfo.InvariantCulture));
                ok = false;
                continue;
            }
            seen[name] = i;
            var slot = IndexOf(name);
            if (slot >= 0) ordinals[slot] = i;
            else if (elements.TryGetValue(name, out var element))
            {
                // "code": as Utf8JsonWriter writes a property name (escaped by the default encoder).
                var encoded = JsonEncodedText.Encode(element.Code).EncodedUtf8Bytes;
                extraList.Add((i, element, [(byte)'"', .. encoded, (byte)'"', (byte)':']));
            }
            else
            {
                problems.Add(headerRow, string.IsNullOrEmpty(name) ? null : name, "header_unknown_column", fields[i].Trim(),
                    ImportRules.Closest(name, EnterpriseImport.Columns.Concat(elements.Keys)));
                ok = false;
            }
        }
        for (var slot = 0; slot < ordinals.Length; slot++)
        {
            if (ordinals[slot] >= 0) continue;
            problems.Add(headerRow, null, "header_missing_column", null, EnterpriseImport.Columns[slot]);
            ok = false;
        }
        extras = [.. extraList];
        // Room for every further field: its name, a comma and a number (a decimal writes at most 31 bytes), and the braces.
        row.ExtraUtf8 = new byte[2 + extras.Sum(e => e.Name.Length + 1 + 32)];
        return ok;
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < EnterpriseImport.Columns.Count; i++)
            if (EnterpriseImport.Columns[i] == name) return i;
        return -1;
    }

    private string Field(int slot) => fields[ordinals[slot]];

    /// <summary>Fills <see cref="row"/> from the record, adding a problem for every bad field; false when the row is unusable.</summary>
    private bool Parse(int at)
    {
        row.SourceRow = at;

        for (var i = 0; i < fields.Length; i++)
        {
            if (!csv!.GetFieldSpan(i).Contains('\uFFFD')) continue;
            problems.Add(at, null, "not_utf8");
            return false;
        }

        var code = ImportRules.Clean(Field(0)).ToUpperInvariant();
        row.CreditCode = code;
        if (code.Length == 0) problems.Add(at, "credit_code", "missing_value");
        else if (Core.Enterprises.CreditCode.Validate(code) is { } why)
            problems.Add(at, "credit_code", why.Code == "check_digit" ? "bad_check_digit" : "bad_credit_code", code, why.Code);

        row.Name = Collection.CellText.Restore(Field(1).Trim());
        if (row.Name.Length == 0) problems.Add(at, "name", "missing_value");
        else if (row.Name.Length > 200) problems.Add(at, "name", "too_long", null, "200");
        else if (Core.InputLimits.ControlCharacterAt(row.Name) is var nameAt and >= 0)
            problems.Add(at, "name", "control_character", null, nameAt.ToString(CultureInfo.InvariantCulture));

        var zoneText = ImportRules.Clean(Field(2));
        if (zones.TryGetValue(zoneText, out var zone)) row.Zone = zone;
        else problems.Add(at, "zone", "unknown_zone", zoneText);

        var yearText = Field(3);
        var year = ImportRules.Year(yearText);
        if (year is null) problems.Add(at, "year", "bad_year", yearText.Trim());
        row.Year = year ?? 0;

        row.RegisteredOn = Date(at, "registered_on", Field(4));
        if (row.RegisteredOn is { } registered && year is { } y && registered.Year > y)
            problems.Add(at, "registered_on", "registered_after_year", registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), y.ToString(CultureInfo.InvariantCulture));

        var industry = Collection.CellText.Restore(Field(5).Trim());
        row.Industry = industry.Length == 0 ? null : industry;
        if (industry.Length > 100) problems.Add(at, "industry", "too_long", null, "100");
        else if (Core.InputLimits.ControlCharacterAt(industry) is var industryAt and >= 0)
            problems.Add(at, "industry", "control_character", null, industryAt.ToString(CultureInfo.InvariantCulture));

        row.IsHte = Flag(at, "is_hte", Field(6));
        row.Revenue = Money(at, 7);
        row.Employees = Count(at, 8);
        row.StEmployees = Count(at, 9);
        row.RdExpense = Money(at, 10);
        row.StExpense = Money(at, 11);
        row.HighTechRevenue = Money(at, 12);
        row.NetAssets = Money(at, 13, mayBeNegative: true); // a loss-making enterprise can owe more than it owns
        row.Exports = Money(at, 14);
        row.VcReceived = Money(at, 15);
        row.ValuationUsdM = Money(at, 16);
        row.Listed = Flag(at, "listed", Field(17));

        // Parts cannot exceed their whole: 科技人员 within 从业人员, 高新技术产品收入 within 营业收入.
        if (row.StEmployees > row.Employees)
            problems.Add(at, "st_employees", "exceeds_total", Show(row.StEmployees), "employees");
        if (row.HighTechRevenue > row.Revenue)
            problems.Add(at, "high_tech_revenue", "exceeds_total", Show(row.HighTechRevenue), "revenue");

        row.ExtraLength = extras.Length == 0 ? 0 : Extra(at);

        if (year is not null && zone is not null)
        {
            Years.Add(year.Value);
            ZoneYears.Add((zone, year.Value));
        }
        return true;
    }

    private static string Show(decimal? value) => value is { } v ? ImportRules.Format(v) : "";

    private static string Show(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private DateOnly? Date(int at, string column, string text)
    {
        var clean = ImportRules.Clean(text);
        if (clean.Length == 0) return null;
        // yyyy-MM-dd, the template's form, read directly; anything else (or an impossible day) by the formats.
        if (clean.Length == 10 && clean[4] == '-' && clean[7] == '-'
            && !clean.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') && !clean.AsSpan(5, 2).ContainsAnyExceptInRange('0', '9')
            && !clean.AsSpan(8, 2).ContainsAnyExceptInRange('0', '9'))
        {
            int y = (clean[0] - '0') * 1000 + (clean[1] - '0') * 100 + (clean[2] - '0') * 10 + (clean[3] - '0');
            int m = (clean[5] - '0') * 10 + (clean[6] - '0'), d = (clean[8] - '0') * 10 + (clean[9] - '0');
            if (y >= 1 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m)) return new DateOnly(y, m, d);
        }
        if (DateOnly.TryParseExact(clean, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        problems.Add(at, column, "bad_date", clean);
        return null;
    }

    private bool Flag(int at, string column, string text)
    {
        var clean = ImportRules.Clean(text);
        if (clean == "1") return true;
        if (clean == "0") return false;
        problems.Add(at, column, "bad_flag", clean);
        return false;
    }

    /// <summary>A plain number or blank (not reported); problems for anything else.</summary>
    private decimal? Number(int at, string column, string text, bool mayBeNegative, bool integer)
    {
        var clean = ImportRules.Clean(text);
        if (clean.Length == 0) return null;
        // Fast path for the common case; anything it refuses goes through the shared rules for the precise reason.
        if (!decimal.TryParse(clean, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            var code = ImportRules.ParseNumber(clean, out value);
            if (code is not null)
            {
                problems.Add(at, column, code, clean);
                return null;
            }
        }
        if (value < 0 && !mayBeNegative) problems.Add(at, column, "negative", clean);
        else if (integer && value != decimal.Truncate(value)) problems.Add(at, column, "not_integer", clean);
        else if (value.Scale > MaxDecimals) problems.Add(at, column, "too_many_decimals", clean, MaxDecimals.ToString(CultureInfo.InvariantCulture));
        else if (Math.Abs(value) > Largest) problems.Add(at, column, "above_max", clean, ImportRules.Format(Largest));
        else return value;
        return null;
    }

    /// <summary>
    /// <see cref="Number(int, string, string, bool, bool)"/> on a field still in the reader's buffer. A plain ASCII number
    /// (the common case) is checked here without making a string: for ASCII text the clean form is the trimmed text, so the
    /// value and the problems are the same; anything else goes through the string path.
    /// </summary>
    private decimal? Number(int at, string column, ReadOnlySpan<char> text, bool mayBeNegative, bool integer)
    {
        var span = text.Trim();
        if (span.IsEmpty) return null;
        if (!Ascii.IsValid(span)
            || !decimal.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            return Number(at, column, text.ToString(), mayBeNegative, integer);
        if (value < 0 && !mayBeNegative) problems.Add(at, column, "negative", span.ToString());
        else if (integer && value != decimal.Truncate(value)) problems.Add(at, column, "not_integer", span.ToString());
        else if (value.Scale > MaxDecimals) problems.Add(at, column, "too_many_decimals", span.ToString(), MaxDecimals.ToString(CultureInfo.InvariantCulture));
        else if (Math.Abs(value) > Largest) problems.Add(at, column, "above_max", span.ToString(), ImportRules.Format(Largest));
        else return value;
        return null;
    }

    private decimal? Money(int at, int slot, bool mayBeNegative = false) =>
        Number(at, EnterpriseImport.Columns[slot], Field(slot), mayBeNegative, integer: false);

    private int? Count(int at, int slot)
    {
        var value = Number(at, EnterpriseImport.Columns[slot], Field(slot), mayBeNegative: false, integer: true);
        if (value is not { } v) return null;
        if (v <= int.MaxValue) return (int)v;
        problems.Add(at, EnterpriseImport.Columns[slot], "above_max", ImportRules.Format(v), int.MaxValue.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>
    /// The further columns as a JSON object (element code → number) written straight into the row's reused UTF-8 buffer,
    /// byte for byte what <see cref="Utf8JsonWriter"/> writes (compact; numbers as <see cref="Utf8Formatter"/> writes a
    /// decimal); returns its length, or 0 when all are blank.
    /// </summary>
    private int Extra(int at)
    {
        var buffer = row.ExtraUtf8.AsSpan();
        var length = 1;
        buffer[0] = (byte)'{';
        foreach (var (ordinal, element, name) in extras)
        {
            var value = Number(at, element.Code, csv!.GetFieldSpan(ordinal), mayBeNegative: element.Min is not >= 0,
                integer: element.Type == ElementType.Integer);
            if (value is not { } v) continue;
            if (length > 1) buffer[length++] = (byte)',';
            name.CopyTo(buffer[length..]);
            length += name.Length;
            if (!Utf8Formatter.TryFormat(v, buffer[length..], out var written)) throw new InvalidOperationException("extra buffer too small");
            length += written;
        }
        if (length == 1) return 0;
        buffer[length++] = (byte)'}';
        return length;
    }
}
