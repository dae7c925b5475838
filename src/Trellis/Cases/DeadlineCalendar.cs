using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Trellis.Cases;

/// <summary>One filing a person is responsible for, as their calendar shows it.</summary>
/// <param name="Deadline">Null when the lead time is unknown: the event goes on <paramref name="Arrival"/>, titled as unknown.</param>
public sealed record DeadlineItem(Guid FilingId, string Case, string Filing, string Authority, string Status, DateOnly? Deadline, DateOnly Arrival, string? Link);

/// <summary>A personal calendar feed (RFC 5545) of the deadlines a user is responsible for.</summary>
public static class DeadlineCalendar
{
    /// <summary>
    /// One all-day event per filing on its deadline. A filing whose deadline cannot be computed is an
    /// event on the arrival day titled "deadline unknown", never a silent deadline.
    /// </summary>
    public static string Write(IEnumerable<DeadlineItem> items, DateTimeOffset stamp)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Trellis//Deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", "Trellis deadlines");
        foreach (var item in items)
        {
            var day = item.Deadline ?? item.Arrival;
            var title = item.Deadline is null
                ? $"Deadline unknown — settle by hand: {item.Filing} ({item.Case})"
                : $"Due: {item.Filing} ({item.Case})";
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"filing-{item.FilingId:N}@trellis",
                Summary = title,
                Description = $"To: {item.Authority}\nStatus: {item.Status}" + (item.Deadline is null ? "\nNo source gives this filing's lead time: its deadline is unknown, shown on the arrival day." : ""),
                DtStart = new CalDateTime(day.Year, day.Month, day.Day),
                DtEnd = day < DateOnly.MaxValue ? new CalDateTime(day.AddDays(1).Year, day.AddDays(1).Month, day.AddDays(1).Day) : null,
                DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
                Url = item.Link is null ? null : new Uri(item.Link, UriKind.RelativeOrAbsolute),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
