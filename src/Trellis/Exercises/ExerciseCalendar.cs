using System.Globalization;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Trellis.Registry;

namespace Trellis.Exercises;

/// <summary>One edition of a registry exercise on the calendar.</summary>
/// <param name="Start">The start as the registry gives it (<c>2025-07-13</c>, <c>2025-11</c>); null when it gives none.</param>
/// <param name="End">The end (inclusive) as the registry gives it; null when it gives none.</param>
/// <param name="From">The first day the edition can fall on: the start's first day, else 1 January of its year.</param>
/// <param name="To">The last day it is known to reach: the end's last day, else the start's last day, else 31 December of its year.</param>
/// <param name="ExactDates">True when both start and end are given to the day; only such editions go into the ICS feed, and only they can be assessed.</param>
/// <param name="Url">The exercise's first source.</param>
public sealed record CalendarEntry(
    string ExerciseId,
    string Exercise,
    int Year,
    string Name,
    string? Start,
    string? End,
    DateOnly From,
    DateOnly To,
    bool ExactDates,
    IReadOnlyList<string> Hosts,
    IReadOnlyList<string> Participants,
    string Confidence,
    string? Url);

/// <summary>
/// The exercise calendar: the registry's editions by date, as a list and as an iCalendar feed (RFC 5545). An edition is
/// listed with the precision its source gives; none is given days it does not have.
/// </summary>
public static class ExerciseCalendar
{
    /// <summary>
    /// Editions whose days (<see cref="CalendarEntry.From"/> to <see cref="CalendarEntry.To"/>) overlap
    /// <paramref name="from"/> to <paramref name="to"/> (both inclusive; null: open), by first day, then exercise id.
    /// </summary>
    public static IReadOnlyList<CalendarEntry> Entries(AgreementRegistry registry, DateOnly? from = null, DateOnly? to = null) =>
        registry.Exercises
            .SelectMany(x => x.Editions.Select(e => Entry(x, e)))
            .Where(e => (from is not { } f || e.To >= f) && (to is not { } t || e.From <= t))
            .OrderBy(e => e.From).ThenBy(e => e.ExerciseId, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// The feed: one all-day event per edition with exact dates (the others are left out: a calendar event needs days).
    /// UIDs are stable (<c>&lt;exercise&gt;-&lt;year&gt;-&lt;start&gt;@trellis</c>), so a subscribed calendar updates in place;
    /// <paramref name="stamp"/> is the DTSTAMP of every event.
    /// </summary>
    public static string Ics(IEnumerable<CalendarEntry> entries, DateTimeOffset stamp)
    {
        var utc = stamp.UtcDateTime;
        var dtStamp = new CalDateTime(new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc));
        var calendar = new Ical.Net.Calendar { ProductId = "-//Trellis//Exercise calendar//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Trellis: exercise calendar");
        foreach (var e in entries.Where(e => e.ExactDates))
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{e.ExerciseId}-{e.Year}-{e.From:yyyyMMdd}@trellis",
                DtStamp = dtStamp,
                Summary = e.Name,
                Start = new CalDateTime(e.From.Year, e.From.Month, e.From.Day),
                End = new CalDateTime(e.To.AddDays(1).Year, e.To.AddDays(1).Month, e.To.AddDays(1).Day),
                Description = $"{e.Exercise}, hosted by {string.Join(", ", e.Hosts)}; participants as the registry lists them: {string.Join(", ", e.Participants)}. " +
                              $"Confidence {e.Confidence}." + (e.Url is { } u ? $" Source: {u}" : ""),
                Url = e.Url is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalendarEntry Entry(Exercise x, ExerciseEdition e)
    {
        var from = e.Start?.First ?? new DateOnly(e.Year, 1, 1);
        var to = e.End?.Last ?? e.Start?.Last ?? new DateOnly(e.Year, 12, 31);
        return new CalendarEntry(x.Id, x.Name, e.Year, e.Name ?? $"{x.Name} {e.Year.ToString(CultureInfo.InvariantCulture)}", e.Start?.ToString(), e.End?.ToString(),
            from, to < from ? from : to, e.Start is { IsExact: true } && e.End is { IsExact: true }, x.Hosts, x.Participants,
            x.Confidence.ToString().ToLowerInvariant(), x.Sources.Count > 0 ? x.Sources[0].Url : null);
    }
}
