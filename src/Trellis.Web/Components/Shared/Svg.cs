using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Trellis.Web.Components.Shared;

/// <summary>SVG pieces Razor cannot write directly (<c>&lt;text&gt;</c> is a Razor keyword).</summary>
public static class Svg
{
    public static MarkupString Text(double x, double y, string content, string? cssClass = null, string? anchor = null) =>
        new($"<text x=\"{N(x)}\" y=\"{N(y)}\"{(cssClass is null ? "" : $" class=\"{cssClass}\"")}{(anchor is null ? "" : $" text-anchor=\"{anchor}\"")}>{WebUtility.HtmlEncode(content)}</text>");

    public static string N(double v) => Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
