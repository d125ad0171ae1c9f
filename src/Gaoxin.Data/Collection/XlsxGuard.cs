using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Gaoxin.Data.Collection;

/// <summary>Why an .xlsx package was refused before parsing, and where: the package entry and the line in it (0 for the whole file).</summary>
/// <param name="Code"><c>unreadable_file</c>, <c>file_too_large</c>, <c>too_many_entries</c>, <c>xml_dtd_not_allowed</c> or <c>malformed_xml</c>.</param>
public sealed record XlsxRefusal(string Code, string? Entry, int Line, string? Detail);

/// <summary>
/// The checks every uploaded .xlsx passes before a spreadsheet library opens it (the data import and the registry import share them).
/// A small .xlsx can unpack to gigabytes (a "zip bomb") and the library loads the workbook whole, so the entry count and the unpacked
/// size are bounded, counting the bytes actually inflated rather than what the archive claims. Every XML part must be well-formed
/// and carry no DTD: a document type declaration is how external entities (XXE) and entity expansion get in, and Excel never writes one.
/// </summary>
public static class XlsxGuard
{
    /// <summary>The most bytes the parts of a workbook may unpack to.</summary>
    public const long MaxUnpackedBytes = 5 * DataImport.MaxBytes;

    /// <summary>The most entries (parts) a workbook may have; Excel writes a few dozen.</summary>
    public const int MaxEntries = 1000;

    /// <summary>Checks a seekable stream holding an .xlsx; returns null when it may be opened. The stream's position is kept.</summary>
    public static XlsxRefusal? Check(Stream stream)
    {
        if (!stream.CanSeek) throw new ArgumentException("A workbook is checked on a seekable stream.", nameof(stream));
        var start = stream.Position;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxEntries) return new("too_many_entries", null, 0, MaxEntries.ToString(CultureInfo.InvariantCulture));
            if (zip.Entries.Sum(e => e.Length) > MaxUnpackedBytes) return TooLarge(zip.Entries.MaxBy(e => e.Length)!.FullName);
            var budget = new Budget(MaxUnpackedBytes);
            foreach (var entry in zip.Entries)
            {
                using var inflated = new CountingStream(entry.Open(), budget);
                try
                {
                    if ((IsXml(entry.FullName) ? CheckXml(inflated, entry.FullName) : Drain(inflated)) is { } refusal) return refusal;
                }
                catch (SizeExceededException)
                {
                    return TooLarge(entry.FullName);
                }
            }
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return new("unreadable_file", null, 0, null);
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static XlsxRefusal TooLarge(string? entry) => new("file_too_large", entry, 0, MaxUnpackedBytes.ToString(CultureInfo.InvariantCulture));

    private static bool IsXml(string name) =>
        name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private static XlsxRefusal? Drain(Stream stream)
    {
        var buffer = new byte[81920];
        while (stream.Read(buffer) > 0) { }
        return null;
    }

    private static XlsxRefusal? CheckXml(CountingStream stream, string entry)
    {
        var settings = new XmlReaderSettings
        {
            // Parsed only so that a declaration is seen and refused as such; nothing is resolved and nothing expands.
            DtdProcessing = DtdProcessing.Parse,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
                if (reader.NodeType == XmlNodeType.DocumentType) return new("xml_dtd_not_allowed", entry, info.LineNumber, reader.Name);
            return null;
        }
        catch (XmlException e)
        {
            return new("malformed_xml", entry, e.LineNumber, e.Message);
        }
    }

    private sealed class Budget(long limit)
    {
        public long Left = limit;
        public bool Exceeded => Left < 0;
    }

    private sealed class SizeExceededException() : Exception("The workbook unpacks to more than allowed.");

    /// <summary>Counts what is read through it against the budget and stops the read when it is spent.</summary>
    private sealed class CountingStream(Stream inner, Budget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Left -= read;
            if (budget.Exceeded) throw new SizeExceededException();
            return read;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
