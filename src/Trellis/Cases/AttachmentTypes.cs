using System.Text;

namespace Trellis.Cases;

/// <summary>
/// The files a filing may carry, recognised by their content — never by their name or the type a
/// client claims: PDF, PNG, JPEG and UTF-8 plain text (no NUL, no control characters but tab and
/// line ends). Anything else, executables and archives included, is refused.
/// </summary>
public static class AttachmentTypes
{
    /// <summary>The largest attachment accepted, in bytes (10 MiB), unless the app is configured lower.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>What the allow-list holds, for messages.</summary>
    public const string Allowed = "PDF, PNG, JPEG or UTF-8 plain text";

    /// <summary>The media type <paramref name="content"/> is, or null when it is none of the allowed types.</summary>
    public static string? Recognise(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (content.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return "image/png";
        }

        if (content.Length > 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return "image/jpeg";
        }

        return IsPlainText(content) ? "text/plain; charset=utf-8" : null;
    }

    private static bool IsPlainText(ReadOnlySpan<byte> content)
    {
        if (content.IsEmpty)
        {
            return false;
        }

        try
        {
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            foreach (var c in text)
            {
                if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
                {
                    return false;
                }
            }

            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A file name safe to show and to put in a Content-Disposition header: no path, no quotes or control characters, at most 200 characters.</summary>
    public static string SafeName(string? name)
    {
        var leaf = Path.GetFileName((name ?? "").Replace('\\', '/'));
        var clean = new string(leaf.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ';')).ToArray()).Trim();
        if (clean.Length == 0)
        {
            clean = "attachment";
        }

        return clean.Length > 200 ? clean[..200] : clean;
    }
}
