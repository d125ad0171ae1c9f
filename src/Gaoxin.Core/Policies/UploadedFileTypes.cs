namespace Gaoxin.Core.Policies;

/// <summary>
/// What an uploaded file really is, judged by its first bytes (its magic number) and never by the name or the type the client
/// claims: a page served from the store must not be an HTML file that says it is a picture.
/// </summary>
public static class UploadedFileTypes
{
    /// <summary>The largest image a news item may carry.</summary>
    public const int MaxImageBytes = 2 * 1024 * 1024;

    /// <summary>The largest file a policy may carry as an attachment.</summary>
    public const int MaxAttachmentBytes = 10 * 1024 * 1024;

    /// <summary>The content type of a PNG, JPEG, GIF or WebP image, or null when the bytes are none of these.</summary>
    /// <param name="bytes">The file's content (its start is enough).</param>
    public static string? ImageType(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (bytes.StartsWith("GIF87a"u8) || bytes.StartsWith("GIF89a"u8)) return "image/gif";
        if (bytes.Length >= 12 && bytes.StartsWith("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        return null;
    }

    /// <summary>
    /// The content type of a policy attachment: a PDF, a Word or Excel file (the zip-based .docx/.xlsx, told apart by the name's
    /// extension, or the older .doc/.xls), or an image; null when the bytes are none of these or do not fit the extension.
    /// </summary>
    /// <param name="fileName">The name the file was uploaded under.</param>
    /// <param name="bytes">The file's content.</param>
    public static string? AttachmentType(string fileName, ReadOnlySpan<byte> bytes)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (bytes.StartsWith("%PDF-"u8)) return extension == ".pdf" ? "application/pdf" : null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return extension switch
            {
                ".docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                _ => null,
            };
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return extension switch { ".doc" => "application/msword", ".xls" => "application/vnd.ms-excel", _ => null };
        return ImageType(bytes);
    }
}
