namespace SecComms.Core.Releases.Calendar;

/// <summary>One weekday of a month: the first to fourth, or the last, of its kind.</summary>
/// <param name="Ordinal">1 to 4, or <see cref="Last"/>.</param>
/// <param name="Weekday">The day of the week.</param>
public sealed record MonthWeekday(int Ordinal, DayOfWeek Weekday)
{
    public const int Last = -1;

    public DateOnly In(int year, int month)
    {
        if (Ordinal == Last)
        {
            var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
            return last.AddDays(-(((int)last.DayOfWeek - (int)Weekday + 7) % 7));
        }
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)Weekday - (int)first.DayOfWeek + 7) % 7) + (7 * (Ordinal - 1)));
    }
}

/// <summary>A parsed rule of the release calendar.</summary>
/// <param name="Text">The rule as written in configuration.</param>
public abstract record CalendarRule(string Text);

/// <summary>Releases on given weekdays of every month, such as the second and fourth Wednesdays.</summary>
public sealed record MonthlyRule(string Text, IReadOnlyList<MonthWeekday> Days) : CalendarRule(Text)
{
    /// <summary>The month's release dates, earliest first, each once.</summary>
    public IReadOnlyList<DateOnly> DatesIn(int year, int month) => [.. Days.Select(d => d.In(year, month)).Distinct().Order()];
}

/// <summary>A release a number of days after each regular release (only for the security release).</summary>
public sealed record AfterRegularRule(string Text, int Days) : CalendarRule(Text);
