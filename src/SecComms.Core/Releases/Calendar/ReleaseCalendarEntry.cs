namespace SecComms.Core.Releases.Calendar;

public enum CalendarEntryKind
{
    /// <summary>The regular monthly release.</summary>
    Regular,
    /// <summary>The planned security release.</summary>
    Security,
}

/// <summary>One dated release of the calendar.</summary>
/// <param name="Kind">regular or security.</param>
/// <param name="Date">The release date in the calendar's time zone.</param>
/// <param name="At">The moment of the release, in UTC.</param>
/// <param name="LocalTime">The same moment with the calendar's time zone offset on that date.</param>
/// <param name="MovedFrom">The date the rule gives, when an override moved the release; otherwise null.</param>
public sealed record ReleaseCalendarEntry(CalendarEntryKind Kind, DateOnly Date, DateTimeOffset At, DateTimeOffset LocalTime, DateOnly? MovedFrom)
{
    /// <summary>Whether an override moved the release away from the date its rule gives.</summary>
    public bool Moved => MovedFrom is not null;

    /// <summary>The date the rule gives, which names the entry however it is moved.</summary>
    internal DateOnly RuleDate => MovedFrom ?? Date;
}

/// <summary>The calendar's settings and its next releases.</summary>
/// <param name="TimeZone">The IANA time zone dates and times are read in.</param>
/// <param name="TimeOfDay">The local time releases go out, <c>HH:mm</c>.</param>
/// <param name="Regular">The regular release rule as configured.</param>
/// <param name="Security">The security release rule as configured.</param>
/// <param name="Entries">The releases, earliest first.</param>
public sealed record ReleaseCalendarView(string TimeZone, string TimeOfDay, string Regular, string Security, IReadOnlyList<ReleaseCalendarEntry> Entries);
