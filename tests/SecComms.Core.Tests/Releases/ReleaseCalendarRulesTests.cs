using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SecComms.Core.Errors;
using SecComms.Core.Releases.Calendar;

namespace SecComms.Core.Tests.Releases;

/// <summary>The calendar rules over several years, against dates worked out by hand from the 2026–2029 calendars.</summary>
public sealed class ReleaseCalendarRulesTests
{
    /// <summary>The third Thursday of each month, January to December.</summary>
    private static readonly Dictionary<int, int[]> ThirdThursdays = new()
    {
        [2026] = [15, 19, 19, 16, 21, 18, 16, 20, 17, 15, 19, 17],
        [2027] = [21, 18, 18, 15, 20, 17, 15, 19, 16, 21, 18, 16],
        [2028] = [20, 17, 16, 20, 18, 15, 20, 17, 21, 19, 16, 21],
        [2029] = [18, 15, 15, 19, 17, 21, 19, 16, 20, 18, 15, 20],
    };

    [Fact]
    public void By_default_the_regular_release_is_the_third_thursday_and_the_security_release_a_week_later_from_2026_to_2029()
    {
        var entries = Schedule().From(new DateOnly(2026, 1, 1)).TakeWhile(e => e.Date.Year < 2030).ToList();

        var expected = ThirdThursdays.SelectMany(year => year.Value.SelectMany((day, month) => new[]
        {
            (CalendarEntryKind.Regular, new DateOnly(year.Key, month + 1, day)),
            (CalendarEntryKind.Security, new DateOnly(year.Key, month + 1, day + 7)),
        })).ToList();
        Assert.Equal(expected, entries.Select(e => (e.Kind, e.Date)));
        Assert.All(entries, e => Assert.Equal(DayOfWeek.Thursday, e.Date.DayOfWeek));
        Assert.All(entries, e => Assert.Equal(new TimeOnly(12, 0), TimeOnly.FromDateTime(e.At.UtcDateTime)));
        Assert.All(entries, e => Assert.False(e.Moved));
    }

    [Fact]
    public void A_third_thursday_on_the_21st_puts_the_default_security_release_on_the_28th_of_the_same_month()
    {
        var entries = Schedule().From(new DateOnly(2027, 1, 1)).Take(4).Select(e => (e.Kind, e.Date)).ToList();

        Assert.Equal(
        [
            (CalendarEntryKind.Regular, new DateOnly(2027, 1, 21)),
            (CalendarEntryKind.Security, new DateOnly(2027, 1, 28)),
            (CalendarEntryKind.Regular, new DateOnly(2027, 2, 18)),
            (CalendarEntryKind.Security, new DateOnly(2027, 2, 25)),
        ], entries);
    }

    [Fact]
    public void Fourteen_days_after_a_third_thursday_late_in_the_month_falls_in_the_next_month_and_is_listed_there()
    {
        var schedule = Schedule(security: "14 days after regular");

        var june = schedule.From(new DateOnly(2026, 6, 1)).Take(4).Select(e => (e.Kind, e.Date)).ToList();
        var newYear = schedule.From(new DateOnly(2028, 12, 1)).Take(3).Select(e => (e.Kind, e.Date)).ToList();

        Assert.Equal(
        [
            (CalendarEntryKind.Security, new DateOnly(2026, 6, 4)),
            (CalendarEntryKind.Regular, new DateOnly(2026, 6, 18)),
            (CalendarEntryKind.Security, new DateOnly(2026, 7, 2)),
            (CalendarEntryKind.Regular, new DateOnly(2026, 7, 16)),
        ], june);
        Assert.Equal(
        [
            (CalendarEntryKind.Regular, new DateOnly(2028, 12, 21)),
            (CalendarEntryKind.Security, new DateOnly(2029, 1, 4)),
            (CalendarEntryKind.Regular, new DateOnly(2029, 1, 18)),
        ], newYear);
    }

    [Fact]
    public void A_week_after_the_fourth_thursday_crosses_into_the_next_month_whenever_the_month_is_too_short()
    {
        var entries = Schedule(regular: "fourth thursday").From(new DateOnly(2026, 1, 1)).TakeWhile(e => e.Date.Year == 2026)
            .Where(e => e.Kind == CalendarEntryKind.Security).Select(e => e.Date).ToList();

        // The first comes from the fourth Thursday of December 2025, the 25th.
        Assert.Equal(
        [
            new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 29), new DateOnly(2026, 3, 5), new DateOnly(2026, 4, 2), new DateOnly(2026, 4, 30), new DateOnly(2026, 6, 4),
            new DateOnly(2026, 7, 2), new DateOnly(2026, 7, 30), new DateOnly(2026, 9, 3), new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 29),
            new DateOnly(2026, 12, 3), new DateOnly(2026, 12, 31),
        ], entries);
    }

    [Fact]
    public void The_last_thursday_is_the_fifth_when_a_month_has_five()
    {
        var regular = Schedule(regular: "last thursday").From(new DateOnly(2028, 1, 1)).Where(e => e.Kind == CalendarEntryKind.Regular)
            .Take(12).Select(e => e.Date.Day);

        Assert.Equal([27, 24, 30, 27, 25, 29, 27, 31, 28, 26, 30, 28], regular);
    }

    [Theory]
    [InlineData("second wednesday, fourth wednesday")]
    [InlineData("Second Wednesday and Fourth Wednesday")]
    [InlineData("second and fourth wednesdays")]
    [InlineData("2nd, 4th wednesday")]
    public void Patch_releases_on_the_second_and_fourth_wednesdays(string rule)
    {
        var schedule = Schedule(security: rule);

        var security2027 = schedule.From(new DateOnly(2027, 1, 1)).TakeWhile(e => e.Date.Year == 2027)
            .Where(e => e.Kind == CalendarEntryKind.Security).Select(e => (e.Date.Month, e.Date.Day)).ToList();
        var security2029 = schedule.From(new DateOnly(2029, 1, 1)).Where(e => e.Kind == CalendarEntryKind.Security).Take(6)
            .Select(e => (e.Date.Month, e.Date.Day)).ToList();

        Assert.Equal(
        [
            (1, 13), (1, 27), (2, 10), (2, 24), (3, 10), (3, 24), (4, 14), (4, 28), (5, 12), (5, 26), (6, 9), (6, 23),
            (7, 14), (7, 28), (8, 11), (8, 25), (9, 8), (9, 22), (10, 13), (10, 27), (11, 10), (11, 24), (12, 8), (12, 22),
        ], security2027);
        Assert.Equal([(1, 10), (1, 24), (2, 14), (2, 28), (3, 14), (3, 28)], security2029);
    }

    [Fact]
    public void A_skipped_release_is_left_out_and_its_partner_keeps_its_date()
    {
        var entries = Schedule(overrides: ["skip regular 2026-12-17"]).From(new DateOnly(2026, 12, 1)).Take(3).Select(e => (e.Kind, e.Date));

        Assert.Equal(
        [
            (CalendarEntryKind.Security, new DateOnly(2026, 12, 24)),
            (CalendarEntryKind.Regular, new DateOnly(2027, 1, 21)),
            (CalendarEntryKind.Security, new DateOnly(2027, 1, 28)),
        ], entries);
    }

    [Fact]
    public void A_moved_release_is_listed_on_its_new_date_says_where_it_came_from_and_may_change_month()
    {
        var schedule = Schedule(overrides:
        [
            "move security 2026-12-24 to 2026-12-29",
            "Move Regular 2027-01-21 to 2026-12-30",
            "move regular 2026-11-19 to 2026-12-02",
        ]);

        var entries = schedule.From(new DateOnly(2026, 12, 1)).Take(5).ToList();

        Assert.Equal(
        [
            (CalendarEntryKind.Regular, new DateOnly(2026, 12, 2), (DateOnly?)new DateOnly(2026, 11, 19)),
            (CalendarEntryKind.Regular, new DateOnly(2026, 12, 17), null),
            (CalendarEntryKind.Security, new DateOnly(2026, 12, 29), new DateOnly(2026, 12, 24)),
            (CalendarEntryKind.Regular, new DateOnly(2026, 12, 30), new DateOnly(2027, 1, 21)),
            (CalendarEntryKind.Security, new DateOnly(2027, 1, 28), null),
        ], entries.Select(e => (e.Kind, e.Date, e.MovedFrom)));
        Assert.True(entries[2].Moved);
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 12, 0, 0, TimeSpan.Zero), entries[2].At);
        Assert.DoesNotContain(schedule.From(new DateOnly(2026, 11, 1)).Take(4), e => e.Date == new DateOnly(2026, 11, 19));
    }

    [Fact]
    public void A_release_at_ten_in_new_york_is_at_ten_local_in_winter_and_summer()
    {
        var entries = Schedule(zone: "America/New_York", time: "10:00").From(new DateOnly(2027, 1, 1)).Where(e => e.Kind == CalendarEntryKind.Regular)
            .Take(12).ToList();

        Assert.All(entries, e => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(e.LocalTime.DateTime)));
        Assert.All(entries, e => Assert.Equal(e.At, e.LocalTime));
        // Daylight saving time runs from 14 March to 7 November 2027.
        Assert.Equal(new DateTimeOffset(2027, 1, 21, 15, 0, 0, TimeSpan.Zero), entries[0].At);
        Assert.Equal(TimeSpan.FromHours(-5), entries[0].LocalTime.Offset);
        Assert.Equal(new DateTimeOffset(2027, 3, 18, 14, 0, 0, TimeSpan.Zero), entries[2].At);
        Assert.Equal(TimeSpan.FromHours(-4), entries[2].LocalTime.Offset);
        Assert.Equal(new DateTimeOffset(2027, 7, 15, 14, 0, 0, TimeSpan.Zero), entries[6].At);
        Assert.Equal(new DateTimeOffset(2027, 11, 18, 15, 0, 0, TimeSpan.Zero), entries[10].At);
        Assert.Equal(TimeSpan.FromHours(-5), entries[10].LocalTime.Offset);
    }

    [Fact]
    public void In_berlin_a_time_the_clocks_skip_comes_an_hour_later_and_a_time_they_repeat_is_the_first()
    {
        var schedule = Schedule(zone: "Europe/Berlin", time: "02:30", regular: "last sunday", security: "1 day after regular");

        var entries = schedule.From(new DateOnly(2027, 3, 1)).Where(e => e.Kind == CalendarEntryKind.Regular).Take(8).ToList();
        var spring = entries[0];
        var autumn = entries[7];

        Assert.Equal(new DateOnly(2027, 3, 28), spring.Date);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 1, 30, 0, TimeSpan.Zero), spring.At);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 3, 30, 0, TimeSpan.FromHours(2)), spring.LocalTime);
        Assert.Equal(new DateOnly(2027, 10, 31), autumn.Date);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), autumn.At);
        Assert.Equal(TimeSpan.FromHours(2), autumn.LocalTime.Offset);
        Assert.Equal(new DateTimeOffset(2027, 4, 25, 0, 30, 0, TimeSpan.Zero), entries[1].At);
    }

    [Fact]
    public void Berlin_summer_time_moves_the_utc_time_of_a_morning_release_by_an_hour()
    {
        var entries = Schedule(zone: "Europe/Berlin", time: "9:00").From(new DateOnly(2026, 3, 1)).Where(e => e.Kind == CalendarEntryKind.Regular)
            .Take(2).ToList();

        // Summer time starts on 29 March 2026.
        Assert.Equal(new DateTimeOffset(2026, 3, 19, 8, 0, 0, TimeSpan.Zero), entries[0].At);
        Assert.Equal(new DateTimeOffset(2026, 4, 16, 7, 0, 0, TimeSpan.Zero), entries[1].At);
    }

    [Fact]
    public void The_next_releases_from_now_leave_out_one_that_has_already_happened_today()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 17, 11, 0, 0, TimeSpan.Zero));
        var calendar = new ReleaseCalendar(Options.Create(new ReleaseCalendarOptions()), time);

        var before = calendar.Next(2);
        time.Advance(TimeSpan.FromHours(2));
        var after = calendar.Next(2);
        var fromDate = calendar.Next(1, new DateOnly(2026, 12, 17));

        Assert.Equal([new DateOnly(2026, 12, 17), new DateOnly(2026, 12, 24)], before.Entries.Select(e => e.Date));
        Assert.Equal([new DateOnly(2026, 12, 24), new DateOnly(2027, 1, 21)], after.Entries.Select(e => e.Date));
        Assert.Equal(new DateOnly(2026, 12, 17), Assert.Single(fromDate.Entries).Date);
        Assert.Equal(("UTC", "12:00", "third thursday", "7 days after regular"), (before.TimeZone, before.TimeOfDay, before.Regular, before.Security));
        Assert.Equal(ReleaseCalendar.DefaultCount, calendar.Next(null).Entries.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void A_count_outside_1_to_100_is_refused(int count)
    {
        var calendar = new ReleaseCalendar(Options.Create(new ReleaseCalendarOptions()), TimeProvider.System);

        var refused = Assert.Throws<ValidationException>(() => calendar.Next(count));

        Assert.Equal([$"count must be between 1 and 100 (it was {count})."], refused.Errors["count"]);
    }

    [Theory]
    [InlineData("Regular", "thrid thursday", "ReleaseCalendar:Regular 'thrid' in 'thrid thursday' is not an ordinal; use first, second, third, fourth or last.")]
    [InlineData("Regular", "third thursdy", "ReleaseCalendar:Regular 'thursdy' in 'third thursdy' is not a weekday; use monday to sunday.")]
    [InlineData("Regular", "fifth friday", "ReleaseCalendar:Regular 'fifth' in 'fifth friday': most months have no fifth weekday; use first, second, third, fourth or last.")]
    [InlineData("Regular", "7 days after regular", "ReleaseCalendar:Regular '7 days after regular' is relative to the regular release, which needs a rule of its own, such as 'third thursday'.")]
    [InlineData("Regular", " ", "ReleaseCalendar:Regular is empty; write a rule such as 'third thursday'.")]
    [InlineData("Security", "second and fourth", "ReleaseCalendar:Security 'second' in 'second and fourth' needs a weekday, such as 'second thursday'.")]
    [InlineData("Security", "second wednesday,", "ReleaseCalendar:Security 'second wednesday,' has an empty part; separate weekdays with ',' or 'and', such as 'second wednesday, fourth wednesday'.")]
    [InlineData("Security", "7 days before regular", "ReleaseCalendar:Security '7 days before regular' is not understood; write 'N days after regular', such as '7 days after regular'.")]
    [InlineData("Security", "30 days after regular", "ReleaseCalendar:Security '30 days after regular': the number of days must be between 1 and 28.")]
    [InlineData("Security", "every thursday", "ReleaseCalendar:Security 'every' in 'every thursday' is not an ordinal; use first, second, third, fourth or last.")]
    [InlineData("TimeZone", "Mars/Olympus_Mons", "ReleaseCalendar:TimeZone: 'Mars/Olympus_Mons' is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/New_York.")]
    [InlineData("TimeOfDay", "noon", "ReleaseCalendar:TimeOfDay: 'noon' is not a time of day; write it as HH:mm, such as 12:00.")]
    [InlineData("TimeOfDay", "25:00", "ReleaseCalendar:TimeOfDay: '25:00' is not a time of day; write it as HH:mm, such as 12:00.")]
    public void A_bad_setting_is_refused_with_a_message_naming_it(string setting, string value, string message)
    {
        var options = new ReleaseCalendarOptions();
        typeof(ReleaseCalendarOptions).GetProperty(setting)!.SetValue(options, value);

        Assert.Null(ReleaseSchedule.Read(options, out var problems));

        Assert.Equal([message], problems);
    }

    [Theory]
    [InlineData("skip regular 2026-12-18", "ReleaseCalendar:Overrides:0: 2026-12-18 is not a regular release date; 'third thursday' gives 2026-12-17 around then.")]
    [InlineData("skip security 2026-12-17", "ReleaseCalendar:Overrides:0: 2026-12-17 is not a security release date; '7 days after regular' gives 2026-12-24 around then.")]
    [InlineData("skip regular 17/12/2026", "ReleaseCalendar:Overrides:0 '17/12/2026' in 'skip regular 17/12/2026' is not a date; write it as yyyy-MM-dd.")]
    [InlineData("move regular 2026-12-17", "ReleaseCalendar:Overrides:0 'move regular 2026-12-17' does not say where to; write 'move regular 2026-12-17 to yyyy-MM-dd'.")]
    [InlineData("move regular 2026-12-17 to 2026-12-17", "ReleaseCalendar:Overrides:0 'move regular 2026-12-17 to 2026-12-17' moves the release to the date it already has.")]
    [InlineData("cancel regular 2026-12-17", "ReleaseCalendar:Overrides:0 'cancel regular 2026-12-17' is not understood; write 'skip regular 2026-12-17' or 'move security 2026-12-24 to 2026-12-29'.")]
    public void A_bad_override_is_refused_with_a_message_naming_it(string text, string message)
    {
        Assert.Null(ReleaseSchedule.Read(new ReleaseCalendarOptions { Overrides = [text] }, out var problems));

        Assert.Equal([message], problems);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_two_overrides_of_one_release_are_refused()
    {
        var options = new ReleaseCalendarOptions
        {
            TimeZone = "Europe/Atlantis",
            Security = "fortnight after regular",
            Overrides = ["skip regular 2026-12-17", "move regular 2026-12-17 to 2026-12-16"],
        };

        Assert.Null(ReleaseSchedule.Read(options, out var problems));

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("ReleaseCalendar:TimeZone: 'Europe/Atlantis'", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("ReleaseCalendar:Security 'fortnight after regular' is not understood", problems[1], StringComparison.Ordinal);
        Assert.Equal("ReleaseCalendar:Overrides:1: the regular release of 2026-12-17 already has an override.", problems[2]);
    }

    private static ReleaseSchedule Schedule(string regular = "third thursday", string security = "7 days after regular", string zone = "UTC",
        string time = "12:00", List<string>? overrides = null)
    {
        var options = new ReleaseCalendarOptions { Regular = regular, Security = security, TimeZone = zone, TimeOfDay = time, Overrides = overrides ?? [] };
        var schedule = ReleaseSchedule.Read(options, out var problems);
        Assert.True(schedule is not null, string.Join("\n", problems));
        return schedule;
    }
}
