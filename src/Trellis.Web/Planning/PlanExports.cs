using Trellis.Rules;

namespace Trellis.Web.Planning;

/// <summary>
/// The planner's assessment downloads: the web's format names (<c>json</c>, <c>md</c>, <c>ics</c>)
/// mapped to the core writers of <see cref="AssessmentExports"/> and <see cref="Json"/> and to
/// their media types. The plan itself (<c>yaml</c>) is its saved text.
/// </summary>
public static class PlanExports
{
    /// <summary>The assessment in <paramref name="format"/> (anything else than <c>md</c> or <c>ics</c> is JSON), with its media type.</summary>
    public static (string Body, string ContentType) Assessment(Assessment a, string format, DateTimeOffset now) => format switch
    {
        "md" => (AssessmentExports.Markdown(a), "text/markdown; charset=utf-8"),
        "ics" => (AssessmentExports.Ics(a, now), "text/calendar; charset=utf-8"),
        _ => (Json.Serialize(a), "application/json; charset=utf-8"),
    };
}
