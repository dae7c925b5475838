namespace Trellis;

/// <summary>
/// "Today" comes from a <see cref="TimeProvider"/> everywhere (tests pass a fake clock), never from the
/// system date directly. The day is the clock's local date, as the assessor has always used it.
/// </summary>
public static class Clock
{
    /// <summary>The local date of <paramref name="clock"/> now.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
