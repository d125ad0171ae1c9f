using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace Gaoxin.Data.Collection;

/// <summary>
/// How every CSV import (zones, yearly data, enterprise returns) turns a file's bytes into text. Files are UTF-8 (with or
/// without a BOM) or GB18030 — the encoding Excel in Chinese saves "CSV" in by default, a superset of GBK and GB2312. The
/// first <see cref="SampleBytes"/> bytes decide: a UTF-8 BOM, or bytes that are valid UTF-8, mean UTF-8; anything else
/// GB18030. The file is read once, as a stream: the sample is kept and read again in front of the rest.
/// </summary>
/// <remarks>
/// A file whose first 64 KB are plain ASCII and whose later rows are GB18030 is read as UTF-8; those rows then show U+FFFD,
/// which the imports report as <c>not_utf8</c> at the row (the file's text is never guessed row by row).
/// </remarks>
public static class CsvText
{
    /// <summary>How many bytes from the start decide the encoding.</summary>
    public const int SampleBytes = 64 * 1024;

    /// <summary>Code page 54936, GB18030.</summary>
    public static Encoding Gb18030 { get; }

    static CsvText()
    {
        // The code-page encodings ship with .NET but are only usable once their provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Gb18030 = Encoding.GetEncoding(54936);
    }

    /// <summary>
    /// A reader over <paramref name="stream"/> in the encoding its start shows; the BOM, if any, is skipped. Bytes that are
    /// not valid in that encoding read as U+FFFD (never an exception from inside the CSV reader's buffer, far from the row).
    /// </summary>
    public static TextReader Open(Stream stream, bool leaveOpen = true)
    {
        var sample = new byte[SampleBytes];
        var length = stream.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        var encoding = Detect(sample.AsSpan(0, length), wholeFile: length < sample.Length);
        var text = new PrefixedStream(sample, length, stream, leaveOpen);
        // The encoding's preamble (the UTF-8 BOM) is skipped when present.
        return new StreamReader(text, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: false);
    }

    /// <summary>UTF-8 (emitting its BOM, so that a reader skips one) when <paramref name="start"/> is valid UTF-8, else GB18030.</summary>
    public static Encoding Detect(ReadOnlySpan<byte> start, bool wholeFile)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: false);
        if (start.StartsWith(utf8.Preamble)) return utf8;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(start.Length, 1));
        try
        {
            // A sample cut inside a character ends in NeedMoreData, which is not an error unless the file ends there.
            var status = Utf8.ToUtf16(start, chars, out _, out _, replaceInvalidSequences: false, isFinalBlock: wholeFile);
            return status is System.Buffers.OperationStatus.Done or System.Buffers.OperationStatus.NeedMoreData ? utf8 : Gb18030;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>The sample already read, then the rest of the stream.</summary>
    private sealed class PrefixedStream(byte[] prefix, int prefixLength, Stream rest, bool leaveOpen) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= prefixLength) return rest.Read(buffer);
            var n = Math.Min(buffer.Length, prefixLength - _position);
            prefix.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= prefixLength) return await rest.ReadAsync(buffer, cancellationToken);
            return Read(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !leaveOpen) rest.Dispose();
            base.Dispose(disposing);
        }
    }
}
