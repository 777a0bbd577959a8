using SecComms.Core.Incidents.Clocks;

namespace SecComms.Core.Tests.Incidents;

/// <summary>Notification clock periods, against deadlines worked out by hand from the 2026–2029 calendars and time zone rules.</summary>
public sealed class ClockPeriodTests
{
    private const string Examples = "write e.g. 30m, 24h, 72 hours, 14 days, 4 business days or 1 month.";

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);
    private static readonly TimeSpan Est = TimeSpan.FromHours(-5);
    private static readonly TimeSpan Edt = TimeSpan.FromHours(-4);

    /// <summary>US federal holidays as observed from July 2026 to New Year 2027.</summary>
    private static readonly BusinessCalendar UsFederal = new(NewYork, new HashSet<DayOfWeek> { DayOfWeek.Saturday, DayOfWeek.Sunday }, new HashSet<DateOnly>
    {
        new(2026, 6, 19), new(2026, 7, 3), new(2026, 9, 7), new(2026, 10, 12), new(2026, 11, 11), new(2026, 11, 26), new(2026, 12, 25), new(2027, 1, 1),
    });

    [Theory]
    [InlineData("30m", 30, ClockUnit.Minutes, "30 minutes")]
    [InlineData("30 minutes", 30, ClockUnit.Minutes, "30 minutes")]
    [InlineData("1 minute", 1, ClockUnit.Minutes, "1 minute")]
    [InlineData("24h", 24, ClockUnit.Hours, "24 hours")]
    [InlineData("72 hours", 72, ClockUnit.Hours, "72 hours")]
    [InlineData("1 hour", 1, ClockUnit.Hours, "1 hour")]
    [InlineData("14d", 14, ClockUnit.Days, "14 days")]
    [InlineData("14 days", 14, ClockUnit.Days, "14 days")]
    [InlineData("1 day", 1, ClockUnit.Days, "1 day")]
    [InlineData("4 business days", 4, ClockUnit.BusinessDays, "4 business days")]
    [InlineData("1 business day", 1, ClockUnit.BusinessDays, "1 business day")]
    [InlineData("1 month", 1, ClockUnit.Months, "1 month")]
    [InlineData("2 months", 2, ClockUnit.Months, "2 months")]
    [InlineData("72 HOURS", 72, ClockUnit.Hours, "72 hours")]
    [InlineData("24H", 24, ClockUnit.Hours, "24 hours")]
    [InlineData("4 Business Days", 4, ClockUnit.BusinessDays, "4 business days")]
    [InlineData("  72 hours ", 72, ClockUnit.Hours, "72 hours")]
    [InlineData("9999h", 9999, ClockUnit.Hours, "9999 hours")]
    public void Every_accepted_form_is_read_and_written_back_in_words(string text, int amount, ClockUnit unit, string formatted)
    {
        Assert.True(ClockPeriod.TryParse(text, out var period, out var error), error);

        Assert.Null(error);
        Assert.Equal((amount, unit), (period.Amount, period.Unit));
        Assert.Equal(formatted, period.Format());
        Assert.Equal(formatted, period.ToString());
        Assert.True(ClockPeriod.TryParse(period.Format(), out var again, out _));
        Assert.Equal(period, again);
    }

    [Theory]
    [InlineData(null, "The period is empty; " + Examples)]
    [InlineData("", "The period is empty; " + Examples)]
    [InlineData("   ", "The period is empty; " + Examples)]
    [InlineData("0h", "'0h' is not a period: the number must be from 1 to 9999; " + Examples)]
    [InlineData("0 days", "'0 days' is not a period: the number must be from 1 to 9999; " + Examples)]
    [InlineData("10000h", "'10000h' is not a period: the number must be from 1 to 9999; " + Examples)]
    [InlineData("99999999999 hours", "'99999999999 hours' is not a period: the number must be from 1 to 9999; " + Examples)]
    [InlineData("72 hrs", "'72 hrs' is not a period; " + Examples)]
    [InlineData("-1d", "'-1d' is not a period; " + Examples)]
    [InlineData("+1d", "'+1d' is not a period; " + Examples)]
    [InlineData("4 businessdays", "'4 businessdays' is not a period; " + Examples)]
    [InlineData("1.5h", "'1.5h' is not a period; " + Examples)]
    [InlineData("72  hours", "'72  hours' is not a period; " + Examples)]
    [InlineData("72hours", "'72hours' is not a period; " + Examples)]
    [InlineData("30 m", "'30 m' is not a period; " + Examples)]
    [InlineData("1 week", "'1 week' is not a period; " + Examples)]
    [InlineData("hours", "'hours' is not a period; " + Examples)]
    [InlineData("72", "'72' is not a period; " + Examples)]
    [InlineData("seventy-two hours", "'seventy-two hours' is not a period; " + Examples)]
    public void Anything_else_is_refused_with_a_message_listing_what_to_write(string? text, string message)
    {
        Assert.False(ClockPeriod.TryParse(text, out var period, out var error));

        Assert.Equal(message, error);
        Assert.Equal(default, period);
    }

    [Fact]
    public void Seventy_two_hours_are_72_real_hours_across_a_change_to_or_from_summer_time()
    {
        // Berlin moves from 02:00 CET to 03:00 CEST on 28 March 2027; New York from 02:00 EDT back to 01:00 EST on 1 November 2026.
        var berlin = Due("72 hours", new DateTimeOffset(2027, 3, 26, 12, 0, 0, Cet), Calendar(Berlin));
        var newYork = Due("72h", new DateTimeOffset(2026, 10, 30, 9, 0, 0, Edt), Calendar(NewYork));

        AssertUtc(new DateTimeOffset(2027, 3, 29, 11, 0, 0, TimeSpan.Zero), berlin);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 13, 0, 0, Cest), berlin);
        AssertUtc(new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero), newYork);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, Est), newYork);
    }

    [Fact]
    public void Thirty_minutes_across_the_hour_the_clocks_skip_are_thirty_real_minutes()
    {
        var due = Due("30m", new DateTimeOffset(2027, 3, 28, 1, 45, 0, Cet), Calendar(Berlin));

        AssertUtc(new DateTimeOffset(2027, 3, 28, 1, 15, 0, TimeSpan.Zero), due);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 15, 0, Cest), due);
    }

    [Fact]
    public void Fourteen_days_across_a_change_to_or_from_summer_time_end_at_the_same_wall_clock_time()
    {
        var berlin = Due("14 days", new DateTimeOffset(2027, 3, 20, 9, 0, 0, Cet), Calendar(Berlin));
        var newYork = Due("14d", new DateTimeOffset(2026, 10, 25, 9, 0, 0, Edt), Calendar(NewYork));
        var utc = Due("14 days", new DateTimeOffset(2027, 3, 20, 9, 0, 0, Cet), BusinessCalendar.Utc);

        // 09:00 to 09:00 is 335 real hours in Berlin, 337 in New York, and 336 on the UTC calendar.
        AssertUtc(new DateTimeOffset(2027, 4, 3, 7, 0, 0, TimeSpan.Zero), berlin);
        Assert.Equal(new DateTimeOffset(2027, 4, 3, 9, 0, 0, Cest), berlin);
        AssertUtc(new DateTimeOffset(2026, 11, 8, 14, 0, 0, TimeSpan.Zero), newYork);
        Assert.Equal(new DateTimeOffset(2026, 11, 8, 9, 0, 0, Est), newYork);
        AssertUtc(new DateTimeOffset(2027, 4, 3, 8, 0, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void Days_ending_at_a_time_the_clocks_skip_end_when_they_jump_and_at_a_time_they_repeat_end_the_first_time()
    {
        // 02:30 on 28 March 2027 does not exist in Berlin; 01:30 on 1 November 2026 happens twice in New York.
        var skipped = Due("14 days", new DateTimeOffset(2027, 3, 14, 2, 30, 0, Cet), Calendar(Berlin));
        var repeated = Due("14 days", new DateTimeOffset(2026, 10, 18, 1, 30, 0, Edt), Calendar(NewYork));

        AssertUtc(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), skipped);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 0, 0, Cest), skipped);
        AssertUtc(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), repeated);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 1, 30, 0, Edt), repeated);
    }

    [Fact]
    public void A_month_from_the_31st_ends_on_the_last_day_of_a_shorter_month()
    {
        AssertUtc(new DateTimeOffset(2027, 2, 28, 10, 0, 0, TimeSpan.Zero), Due("1 month", new DateTimeOffset(2027, 1, 31, 10, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2028, 2, 29, 10, 0, 0, TimeSpan.Zero), Due("1 month", new DateTimeOffset(2028, 1, 31, 10, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 30, 21, 30, 0, TimeSpan.Zero), Due("1 month", new DateTimeOffset(2026, 8, 31, 23, 30, 0, Cest), Calendar(Berlin)));
        AssertUtc(new DateTimeOffset(2027, 3, 31, 7, 0, 0, TimeSpan.Zero), Due("2 months", new DateTimeOffset(2027, 1, 31, 9, 0, 0, Cet), Calendar(Berlin)));
        AssertUtc(new DateTimeOffset(2029, 2, 28, 12, 0, 0, TimeSpan.Zero), Due("12 months", new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
    }

    [Fact]
    public void A_month_counts_from_the_local_date_so_the_time_zone_can_change_the_day_it_ends()
    {
        // 23:30 UTC on 30 January is already 00:30 on 31 January in Berlin.
        var start = new DateTimeOffset(2027, 1, 30, 23, 30, 0, TimeSpan.Zero);

        AssertUtc(new DateTimeOffset(2027, 2, 27, 23, 30, 0, TimeSpan.Zero), Due("1 month", start, Calendar(Berlin)));
        AssertUtc(new DateTimeOffset(2027, 2, 28, 23, 30, 0, TimeSpan.Zero), Due("1 month", start, BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2027, 3, 28, 1, 0, 0, TimeSpan.Zero), Due("1 month", new DateTimeOffset(2027, 2, 28, 2, 30, 0, Cet), Calendar(Berlin)));
    }

    [Fact]
    public void Four_business_days_end_at_midnight_after_the_fourth_working_day_following_the_start_day()
    {
        // 14 September 2026 is a Monday; the start day never counts, even from its first minute.
        AssertUtc(new DateTimeOffset(2026, 9, 19, 0, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 9, 14, 10, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 19, 0, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 9, 14, 0, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 24, 0, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 9, 17, 15, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 9, 19, 12, 0, 0, TimeSpan.Zero), BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 9, 20, 23, 59, 0, TimeSpan.Zero), BusinessCalendar.Utc));
    }

    [Fact]
    public void Business_days_are_counted_on_the_calendar_of_the_time_zone_not_of_utc()
    {
        // Friday 18 September 2026 at 20:30 in New York is already Saturday in UTC.
        var fridayEvening = new DateTimeOffset(2026, 9, 18, 20, 30, 0, Edt);
        // Thursday 17 September at 21:00 in New York is already Friday in UTC, which would count Monday to Thursday instead.
        var thursdayEvening = new DateTimeOffset(2026, 9, 17, 21, 0, 0, Edt);

        AssertUtc(new DateTimeOffset(2026, 9, 25, 4, 0, 0, TimeSpan.Zero), Due("4 business days", fridayEvening, Calendar(NewYork)));
        Assert.Equal(new DateTimeOffset(2026, 9, 25, 0, 0, 0, Edt), Due("4 business days", fridayEvening, Calendar(NewYork)));
        AssertUtc(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), Due("4 business days", fridayEvening, BusinessCalendar.Utc));
        AssertUtc(new DateTimeOffset(2026, 9, 24, 4, 0, 0, TimeSpan.Zero), Due("4 business days", thursdayEvening, Calendar(NewYork)));
        AssertUtc(new DateTimeOffset(2026, 9, 25, 0, 0, 0, TimeSpan.Zero), Due("4 business days", thursdayEvening, BusinessCalendar.Utc));
    }

    [Fact]
    public void Holidays_in_the_window_push_the_deadline_back_a_day_each()
    {
        // Thanksgiving, Thursday 26 November 2026: Tuesday, Wednesday, Friday and Monday count.
        AssertUtc(new DateTimeOffset(2026, 12, 1, 5, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 11, 23, 10, 0, 0, Est), UsFederal));
        AssertUtc(new DateTimeOffset(2026, 11, 28, 5, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 11, 23, 10, 0, 0, Est), Calendar(NewYork)));
        // Christmas, Friday 25 December 2026: Wednesday, Thursday, Monday and Tuesday count.
        AssertUtc(new DateTimeOffset(2026, 12, 30, 5, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 12, 22, 16, 0, 0, Est), UsFederal));
        // New Year's Day, Friday 1 January 2027: Tuesday to Thursday, then Monday 4 January.
        AssertUtc(new DateTimeOffset(2027, 1, 5, 5, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 12, 28, 9, 0, 0, Est), UsFederal));
        // Independence Day falls on a Saturday in 2026 and is observed on Friday 3 July: Thursday, then Monday to Wednesday.
        AssertUtc(new DateTimeOffset(2026, 7, 9, 4, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 7, 1, 10, 0, 0, Edt), UsFederal));
        // Labor Day, Monday 7 September 2026: one business day from the Friday before is the Tuesday.
        AssertUtc(new DateTimeOffset(2026, 9, 9, 4, 0, 0, TimeSpan.Zero), Due("1 business day", new DateTimeOffset(2026, 9, 4, 17, 0, 0, Edt), UsFederal));
    }

    [Fact]
    public void A_clock_started_on_a_holiday_counts_from_the_next_business_day()
    {
        AssertUtc(new DateTimeOffset(2026, 12, 3, 5, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 11, 26, 9, 0, 0, Est), UsFederal));
        AssertUtc(new DateTimeOffset(2026, 7, 10, 4, 0, 0, TimeSpan.Zero), Due("4 business days", new DateTimeOffset(2026, 7, 3, 11, 0, 0, Edt), UsFederal));
    }

    [Fact]
    public void A_business_day_deadline_at_a_midnight_the_clocks_skip_is_when_they_jump()
    {
        // Santiago moves from 00:00 to 01:00 on Sunday 6 September 2026; this calendar works on Saturdays.
        var santiago = new BusinessCalendar(TimeZoneInfo.FindSystemTimeZoneById("America/Santiago"), new HashSet<DayOfWeek> { DayOfWeek.Sunday }, new HashSet<DateOnly>());

        var due = Due("1 business day", new DateTimeOffset(2026, 9, 4, 10, 0, 0, TimeSpan.FromHours(-4)), santiago);

        AssertUtc(new DateTimeOffset(2026, 9, 6, 4, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)), due);
    }

    [Fact]
    public void A_calendar_with_no_working_day_is_refused()
    {
        var everyDay = Enum.GetValues<DayOfWeek>().ToHashSet();

        var refused = Assert.Throws<ArgumentException>(() => new BusinessCalendar(TimeZoneInfo.Utc, everyDay, new HashSet<DateOnly>()));

        Assert.StartsWith("A week with no working day has no business days to count.", refused.Message, StringComparison.Ordinal);
    }

    private static BusinessCalendar Calendar(TimeZoneInfo zone) => BusinessCalendar.Utc with { Zone = zone };

    private static DateTimeOffset Due(string period, DateTimeOffset start, BusinessCalendar calendar)
    {
        Assert.True(ClockPeriod.TryParse(period, out var parsed, out var error), error);
        return parsed.DueAfter(start, calendar);
    }

    private static void AssertUtc(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected, actual);
        Assert.Equal(TimeSpan.Zero, actual.Offset);
    }
}
