using System.Collections.Frozen;

namespace SecComms.Core.Incidents.Clocks;

/// <summary>The calendar that clocks counting days, business days or months are read on.</summary>
/// <param name="Zone">The time zone whose dates and wall-clock times count, usually where the notice is filed.</param>
/// <param name="Weekend">The days of the week that are never business days; at most six of them.</param>
/// <param name="Holidays">Dates in <paramref name="Zone"/> that are not business days, such as public holidays.</param>
public sealed record BusinessCalendar(TimeZoneInfo Zone, IReadOnlySet<DayOfWeek> Weekend, IReadOnlySet<DateOnly> Holidays)
{
    /// <summary>UTC, with Saturday and Sunday as the weekend and no holidays.</summary>
    public static BusinessCalendar Utc { get; } =
        new(TimeZoneInfo.Utc, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday }.ToFrozenSet(), FrozenSet<DateOnly>.Empty);

    public IReadOnlySet<DayOfWeek> Weekend { get; } = Weekend.Count < 7 ? Weekend
        : throw new ArgumentException("A week with no working day has no business days to count.", nameof(Weekend));

    /// <summary>Whether <paramref name="date"/> is neither a weekend day nor a holiday.</summary>
    public bool IsBusinessDay(DateOnly date) => !Weekend.Contains(date.DayOfWeek) && !Holidays.Contains(date);

    /// <summary>The <paramref name="count"/>th business day after <paramref name="date"/>, which itself never counts.</summary>
    public DateOnly BusinessDaysAfter(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = date;
        var counted = 0;
        while (counted < count)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                counted++;
            }
        }
        return day;
    }

    /// <summary>The wall-clock time in <see cref="Zone"/> at <paramref name="instant"/>.</summary>
    public DateTime LocalTime(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The date in <see cref="Zone"/> at <paramref name="instant"/>.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(LocalTime(instant));

    /// <summary>The moment, in UTC, the wall clocks of <see cref="Zone"/> show <paramref name="localTime"/>.</summary>
    /// <remarks>
    /// A time the clocks skip when they go forward is taken as the first moment after the jump, when they show the
    /// end of the gap (02:30 becomes 03:00): a deadline is never earlier than the time it names. A time they show twice
    /// when they go back is taken the first time, so the deadline is never later than the time it names.
    /// </remarks>
    public DateTimeOffset At(DateTime localTime)
    {
        var local = DateTime.SpecifyKind(localTime, DateTimeKind.Unspecified);
        if (Zone.IsAmbiguousTime(local))
        {
            return Instant(local, Zone.GetAmbiguousTimeOffsets(local).Max());
        }
        return Zone.IsInvalidTime(local) ? EndOfGap(local) : Instant(local, Zone.GetUtcOffset(local));
    }

    private static DateTimeOffset Instant(DateTime local, TimeSpan offset) => new DateTimeOffset(local, offset).ToUniversalTime();

    /// <summary>The moment the clocks jumped over <paramref name="local"/>: the first whose wall-clock time is later.</summary>
    private DateTimeOffset EndOfGap(DateTime local)
    {
        // Read with the offset after the jump, local names a moment before it; read with the offset before, a moment at
        // or after it. The jump lies between the two and is found by halving, to the tick.
        var beforeJump = (local - Zone.GetUtcOffset(local.AddDays(1))).Ticks;
        var afterJump = (local - Zone.GetUtcOffset(local.AddDays(-1))).Ticks;
        while (afterJump - beforeJump > 1)
        {
            var middle = beforeJump + ((afterJump - beforeJump) / 2);
            if (WallClockTicks(middle) > local.Ticks)
            {
                afterJump = middle;
            }
            else
            {
                beforeJump = middle;
            }
        }
        return new DateTimeOffset(afterJump, TimeSpan.Zero);
    }

    private long WallClockTicks(long utcTicks) => utcTicks + Zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
}
