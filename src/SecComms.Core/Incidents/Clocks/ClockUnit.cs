namespace SecComms.Core.Incidents.Clocks;

/// <summary>What a <see cref="ClockPeriod"/> counts, and so how its deadline is worked out.</summary>
public enum ClockUnit
{
    // From 1, so that a period nobody set has no unit rather than passing for zero minutes.

    /// <summary>Elapsed minutes, whatever the clocks on the wall do.</summary>
    Minutes = 1,

    /// <summary>Elapsed hours, whatever the clocks on the wall do: 72 hours is always 72 real hours.</summary>
    Hours,

    /// <summary>
    /// Calendar days in the calendar's time zone: the same wall-clock time that many days later, so 14 days across a
    /// change to or from summer time is an hour more or less than 14 × 24 real hours. Weekends and holidays count.
    /// </summary>
    Days,

    /// <summary>
    /// Business days in the calendar's time zone: the deadline is the end of the Nth business day after the day the
    /// clock starts, that is local midnight at the start of the following day. The starting day itself never counts.
    /// </summary>
    BusinessDays,

    /// <summary>
    /// Calendar months in the calendar's time zone: the same wall-clock time that many months later, on the same day of
    /// the month or on the month's last day when it is shorter (31 January + 1 month is 28 or 29 February).
    /// </summary>
    Months,
}
