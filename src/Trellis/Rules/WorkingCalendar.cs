using System.Collections.Frozen;
using Trellis.Diagnostics;
using Trellis.Registry;
using Trellis.Yaml;

namespace Trellis.Rules;

/// <summary>
/// A host's working days: every day but its weekend days and public holidays
/// (<c>data/holidays/&lt;ISO3&gt;.yaml</c>). A calendar knows which years its holiday list covers,
/// so that a deadline in an uncovered year can be flagged as weekends-only.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly FrozenSet<DateOnly> _holidays;
    private readonly FrozenSet<int> _years;
    private readonly bool[] _weekend = new bool[7];

    public WorkingCalendar(string state, IEnumerable<DateOnly> holidays, IEnumerable<DayOfWeek>? weekend = null, string? source = null)
    {
        State = state;
        _holidays = holidays.ToFrozenSet();
        _years = _holidays.Select(d => d.Year).ToFrozenSet();
        foreach (var day in weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday])
        {
            _weekend[(int)day] = true;
        }

        Source = source;
    }

    /// <summary>Saturday and Sunday off, no holidays known.</summary>
    public static WorkingCalendar WeekendsOnly(string state) => new(state, []);

    public string State { get; }

    public string? Source { get; }

    /// <summary>The holidays file this calendar was read from, as shown in diagnostics; null when built in code.</summary>
    public string? File { get; init; }

    /// <summary>The line of the file's <c>state</c>.</summary>
    public int Line { get; init; }

    public bool IsWorkingDay(DateOnly day) => !_weekend[(int)day.DayOfWeek] && !_holidays.Contains(day);

    /// <summary>True when the holiday list has at least one holiday in <paramref name="year"/>.</summary>
    public bool CoversYear(int year) => _years.Contains(year);

    /// <summary>
    /// The deadline <paramref name="workingDays"/> working days before <paramref name="start"/>:
    /// from the start, step back to the previous working day, that many times. Zero gives the start itself.
    /// </summary>
    public DateOnly WorkingDaysBefore(DateOnly start, int workingDays)
    {
        var day = start;
        for (var i = 0; i < workingDays; i++)
        {
            do
            {
                day = day.AddDays(-1);
            }
            while (!IsWorkingDay(day));
        }

        return day;
    }

    /// <summary><paramref name="day"/> if it is a working day, else the last working day before it.</summary>
    public DateOnly OnOrBefore(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>Reads <c>data/holidays/&lt;ISO3&gt;.yaml</c>.</summary>
    public static WorkingCalendar? Load(string path, ICollection<Diagnostic> diagnostics)
    {
        var file = RegistryLoader.Display(path);
        var root = YamlFields.Of(YamlDocument.Load(path, file, diagnostics), file, diagnostics, "a holidays file");
        if (root is null)
        {
            return null;
        }

        root.AllowOnly("state", "source", "confidence", "weekend", "holidays", "notes");
        var state = root.String("state", required: true);
        var expected = Path.GetFileNameWithoutExtension(path);
        if (state is not null && !string.Equals(state, expected, StringComparison.Ordinal))
        {
            // A file copied under another state's name: reported, and not loaded as a second calendar of 'state'.
            var original = Path.Combine(Path.GetDirectoryName(path) ?? "", state + ".yaml");
            var copied = DataFile.Exists(original) ? $" (a copy of {RegistryLoader.Display(original)}? then edit it for {expected}, or remove it)" : "";
            root.Add(DiagnosticCodes.LayerMismatch,
                $"'state' is {state} but the file is named {expected}.yaml: they must match{copied}", root.LineOf("state"));
            state = null;
        }

        var weekend = new List<DayOfWeek>();
        foreach (var (name, line) in root.StringList("weekend"))
        {
            if (Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(name, out _))
            {
                weekend.Add(day);
            }
            else
            {
                root.Add(DiagnosticCodes.InvalidValue, $"'{name}' in 'weekend' is not a day of the week (saturday, sunday...)", line);
            }
        }

        var days = new List<DateOnly>();
        foreach (var h in root.Mappings("holidays", "a holiday"))
        {
            h.AllowOnly("date", "name");
            if (h.Date("date", required: true) is { } date)
            {
                if (date.IsExact)
                {
                    days.Add(date.First);
                }
                else
                {
                    h.Add(DiagnosticCodes.InvalidDate, $"a holiday needs a full date (YYYY-MM-DD), not '{date}'", h.LineOf("date"));
                }
            }
        }

        return state is null ? null : new WorkingCalendar(state, days, weekend.Count > 0 ? weekend : null, root.String("source"))
        {
            File = file,
            Line = root.LineOf("state"),
        };
    }
}
