using System.Text;

namespace Trellis.Web.Persistence;

/// <summary>
/// The cursor of a list ordered by last change, newest first: the last row's change time and id, as
/// URL-safe base64. Opaque to clients: they pass back the <c>next</c> they were given.
/// </summary>
public static class PageCursor
{
    /// <summary>Rows on a page unless <c>limit</c> says otherwise.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest <c>limit</c> a list accepts.</summary>
    public const int MaxPageSize = 200;

    public static string Encode(DateTime at, Guid id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at.Ticks}:{id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>False when <paramref name="cursor"/> is not one <see cref="Encode"/> made.</summary>
    public static bool TryDecode(string cursor, out DateTime at, out Guid id)
    {
        at = default;
        id = default;
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && Guid.TryParseExact(parts[1], "N", out id))
            {
                at = new DateTime(ticks, DateTimeKind.Utc);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
