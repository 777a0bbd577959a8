namespace SecComms.Core.Releases.Calendar;

/// <summary>When releases happen, as rules rather than dates; bound from the <c>ReleaseCalendar</c> configuration section.</summary>
/// <remarks>The grammar of the rules and overrides is in <c>docs/release-calendar.md</c> and <see cref="CalendarRules"/>.</remarks>
public sealed class ReleaseCalendarOptions
{
    public const string Section = "ReleaseCalendar";

    /// <summary>The IANA time zone the rules and the time of day are read in, such as <c>America/New_York</c>.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>
    /// The local time of day releases go out, <c>HH:mm</c>. Noon by default: in UTC, noon falls on the same calendar date
    /// from UTC−12 to UTC+11, so nearly everyone sees a release on the date the rule names, not the evening before.
    /// </summary>
    public string TimeOfDay { get; set; } = "12:00";

    /// <summary>The regular monthly release, such as <c>third thursday</c>.</summary>
    public string Regular { get; set; } = "third thursday";

    /// <summary>The planned security release, such as <c>7 days after regular</c> or <c>second wednesday, fourth wednesday</c>.</summary>
    public string Security { get; set; } = "7 days after regular";

    /// <summary>Exceptions to the rules, one a line: <c>skip regular 2026-12-17</c>, <c>move security 2026-12-24 to 2026-12-29</c>.</summary>
    public List<string> Overrides { get; set; } = [];
}
