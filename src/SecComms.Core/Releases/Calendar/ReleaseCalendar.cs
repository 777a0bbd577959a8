using System.Globalization;
using Microsoft.Extensions.Options;
using SecComms.Core.Errors;

namespace SecComms.Core.Releases.Calendar;

/// <summary>The dated releases the configured rules give, from now or from a date.</summary>
public sealed class ReleaseCalendar(IOptions<ReleaseCalendarOptions> options, TimeProvider time)
{
    public const int DefaultCount = 12;
    public const int MaxCount = 100;

    private readonly Lazy<ReleaseSchedule> _schedule = new(() => ReleaseSchedule.Read(options.Value, out var problems)
        ?? throw new OptionsValidationException(Options.DefaultName, typeof(ReleaseCalendarOptions), problems));

    public ReleaseSchedule Schedule => _schedule.Value;

    /// <summary>Today's date in the calendar's time zone.</summary>
    public DateOnly Today => Schedule.DateAt(time.GetUtcNow());

    /// <summary>
    /// The next <paramref name="count"/> releases: from the start of <paramref name="from"/> (a date in the calendar's
    /// time zone) when given, else those that have not happened yet.
    /// </summary>
    public ReleaseCalendarView Next(int? count, DateOnly? from = null)
    {
        var take = count ?? DefaultCount;
        new Validation()
            .Require(take is >= 1 and <= MaxCount, "count", $"count must be between 1 and {MaxCount} (it was {take}).")
            .Require(from is null || from.Value.Year < 9000, "from", "from must be a date before the year 9000.")
            .ThrowIfInvalid();
        IEnumerable<ReleaseCalendarEntry> entries;
        if (from is { } date)
        {
            entries = Schedule.From(date);
        }
        else
        {
            var now = time.GetUtcNow();
            entries = Schedule.From(Schedule.DateAt(now)).Where(e => e.At >= now);
        }
        return View([.. entries.Take(take)]);
    }

    /// <summary>The releases from today (in the calendar's time zone) up to, not including, the same date <paramref name="months"/> later.</summary>
    public ReleaseCalendarView Months(int months)
    {
        var today = Today;
        var until = today.AddMonths(months);
        return View([.. Schedule.From(today).TakeWhile(e => e.Date < until)]);
    }

    /// <summary>
    /// Why a release planned for <paramref name="plannedFor"/> does not follow the calendar: a planned security release on
    /// a day the calendar gives no security release, with the nearest ones it does; null when it follows it, and for a
    /// critical or emergency release, which comes outside the schedule.
    /// </summary>
    /// <remarks>A plan names a day in UTC, as the planner enters it, so the calendar's releases are compared by their day in UTC.</remarks>
    public string? OffCalendarWarning(ReleaseKind kind, DateTimeOffset? plannedFor)
    {
        if (kind != ReleaseKind.Planned || plannedFor is not { } at)
        {
            return null;
        }
        var day = UtcDay(at);
        DateOnly? before = null;
        foreach (var entry in Schedule.From(day.AddMonths(-2)).Where(e => e.Kind == CalendarEntryKind.Security))
        {
            var date = UtcDay(entry.At);
            if (date == day)
            {
                return null;
            }
            if (date > day)
            {
                var nearest = before is { } earlier ? $"{Day(earlier)} and {Day(date)}" : Day(date);
                return $"{Day(day)} is not a security release date on the release calendar; the nearest are {nearest}.";
            }
            before = date;
        }
        return null;
    }

    /// <summary>The day in UTC of <paramref name="at"/>, as plans and the calendar's releases are matched.</summary>
    public static DateOnly UtcDay(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);

    private static string Day(DateOnly date) => date.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture);

    private ReleaseCalendarView View(IReadOnlyList<ReleaseCalendarEntry> entries)
    {
        return new ReleaseCalendarView(Schedule.Zone.Id, Schedule.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture),
            Schedule.Regular.Text, Schedule.Security.Text, entries);
    }
}
