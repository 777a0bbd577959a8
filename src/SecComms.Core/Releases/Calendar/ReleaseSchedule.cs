using System.Globalization;

namespace SecComms.Core.Releases.Calendar;

/// <summary>The calendar's settings once read and checked, and the releases they give.</summary>
/// <remarks>
/// A security rule relative to the regular release counts from the date the regular rule gives, not from where an
/// override moved it: each override changes exactly the one release it names, and moving both takes two overrides.
/// </remarks>
public sealed class ReleaseSchedule
{
    private readonly Dictionary<(CalendarEntryKind, DateOnly), CalendarOverride> _overrides;

    private ReleaseSchedule(TimeZoneInfo zone, TimeOnly timeOfDay, MonthlyRule regular, CalendarRule security, Dictionary<(CalendarEntryKind, DateOnly), CalendarOverride> overrides)
    {
        Zone = zone;
        TimeOfDay = timeOfDay;
        Regular = regular;
        Security = security;
        _overrides = overrides;
    }

    public TimeZoneInfo Zone { get; }

    public TimeOnly TimeOfDay { get; }

    public MonthlyRule Regular { get; }

    public CalendarRule Security { get; }

    /// <summary>Reads <paramref name="options"/>; every problem is listed in <paramref name="problems"/>, each naming its setting.</summary>
    public static ReleaseSchedule? Read(ReleaseCalendarOptions options, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        problems = found;
        const string prefix = ReleaseCalendarOptions.Section + ":";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone?.Trim() ?? "", out var zone))
        {
            found.Add($"{prefix}{nameof(options.TimeZone)}: '{options.TimeZone}' is not a time zone this machine knows; use an IANA id such as UTC, Europe/Berlin or America/New_York.");
        }
        if (!TimeOnly.TryParseExact(options.TimeOfDay?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var timeOfDay))
        {
            found.Add($"{prefix}{nameof(options.TimeOfDay)}: '{options.TimeOfDay}' is not a time of day; write it as HH:mm, such as 12:00.");
        }
        var regular = CalendarRules.Parse(options.Regular, allowRelative: false, out var regularError) as MonthlyRule;
        if (regularError is not null)
        {
            found.Add($"{prefix}{nameof(options.Regular)} {regularError}");
        }
        var security = CalendarRules.Parse(options.Security, allowRelative: true, out var securityError);
        if (securityError is not null)
        {
            found.Add($"{prefix}{nameof(options.Security)} {securityError}");
        }
        var overrides = new Dictionary<(CalendarEntryKind, DateOnly), CalendarOverride>();
        for (var i = 0; i < options.Overrides.Count; i++)
        {
            var setting = $"{prefix}{nameof(options.Overrides)}:{i}";
            var entry = CalendarOverride.Parse(options.Overrides[i], out var error);
            if (entry is null)
            {
                found.Add($"{setting} {error}");
                continue;
            }
            if (regular is null || (entry.Kind == CalendarEntryKind.Security && security is null))
            {
                continue;
            }
            var ruleDates = RuleDatesAround(entry.Kind, entry.Date, regular, security);
            if (!ruleDates.Contains(entry.Date))
            {
                var rule = entry.Kind == CalendarEntryKind.Regular ? regular : security;
                found.Add($"{setting}: {entry.Date:yyyy-MM-dd} is not a {Name(entry.Kind)} release date; '{rule?.Text}' gives "
                    + $"{string.Join(", ", ruleDates.Select(d => d.ToString(CalendarOverride.DateFormat, CultureInfo.InvariantCulture)))} around then.");
            }
            else if (!overrides.TryAdd((entry.Kind, entry.Date), entry))
            {
                found.Add($"{setting}: the {Name(entry.Kind)} release of {entry.Date:yyyy-MM-dd} already has an override.");
            }
        }
        return found.Count == 0 ? new ReleaseSchedule(zone!, timeOfDay, regular!, security!, overrides) : null;
    }

    public static string Name(CalendarEntryKind kind) => kind == CalendarEntryKind.Regular ? "regular" : "security";

    /// <summary>Every release on or after <paramref name="from"/>, earliest first, without end.</summary>
    public IEnumerable<ReleaseCalendarEntry> From(DateOnly from)
    {
        var pending = new List<ReleaseCalendarEntry>();
        pending.AddRange(_overrides.Values.Where(o => o.MoveTo >= from).Select(o => Entry(o.Kind, o.MoveTo!.Value, o.Date)));
        // A relative security release can fall a month after its regular release, so generation starts a month early.
        var month = new DateOnly(from.Year, from.Month, 1).AddMonths(from.Year == 1 && from.Month == 1 ? 0 : -1);
        var lastMonth = new DateOnly(9998, 12, 1);
        while (true)
        {
            foreach (var (kind, date) in RuleDatesIn(month.Year, month.Month))
            {
                if (date >= from && !_overrides.ContainsKey((kind, date)))
                {
                    pending.Add(Entry(kind, date, null));
                }
            }
            var settled = month == lastMonth ? DateOnly.MaxValue : month.AddMonths(1);
            var ready = pending.Where(e => e.Date < settled).OrderBy(e => e.At).ThenBy(e => e.Kind).ToList();
            foreach (var entry in ready)
            {
                yield return entry;
            }
            if (month == lastMonth)
            {
                yield break;
            }
            pending.RemoveAll(e => e.Date < settled);
            month = month.AddMonths(1);
        }
    }

    /// <summary>The local date in the calendar's time zone at <paramref name="instant"/>.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    private ReleaseCalendarEntry Entry(CalendarEntryKind kind, DateOnly date, DateOnly? movedFrom)
    {
        var at = Instant(date.ToDateTime(TimeOfDay));
        return new ReleaseCalendarEntry(kind, date, at, TimeZoneInfo.ConvertTime(at, Zone), movedFrom);
    }

    /// <summary>The moment a local time happens in the calendar's zone.</summary>
    /// <remarks>
    /// A time skipped when clocks go forward is taken as the same time on the clock before the change, which reads as
    /// that much later afterwards (02:30 becomes 03:30); a time that happens twice when clocks go back is the first one.
    /// </remarks>
    private DateTimeOffset Instant(DateTime local)
    {
        TimeSpan offset;
        if (Zone.IsInvalidTime(local))
        {
            offset = Zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (Zone.IsAmbiguousTime(local))
        {
            offset = Zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = Zone.GetUtcOffset(local);
        }
        return new DateTimeOffset(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc));
    }

    private IEnumerable<(CalendarEntryKind Kind, DateOnly Date)> RuleDatesIn(int year, int month)
    {
        var regular = Regular.DatesIn(year, month);
        foreach (var date in regular)
        {
            yield return (CalendarEntryKind.Regular, date);
        }
        var security = Security switch
        {
            MonthlyRule monthly => monthly.DatesIn(year, month),
            AfterRegularRule after => regular.Select(d => d.AddDays(after.Days)).ToList(),
            _ => throw new InvalidOperationException($"Unknown rule {Security.GetType().Name}."),
        };
        foreach (var date in security)
        {
            yield return (CalendarEntryKind.Security, date);
        }
    }

    /// <summary>The rule dates of <paramref name="kind"/> in the month of <paramref name="date"/> and the month before.</summary>
    private static List<DateOnly> RuleDatesAround(CalendarEntryKind kind, DateOnly date, MonthlyRule regular, CalendarRule? security)
    {
        CalendarRule? rule = kind == CalendarEntryKind.Regular ? regular : security;
        var months = new[] { date.AddMonths(-1), date };
        return rule switch
        {
            MonthlyRule monthly => [.. monthly.DatesIn(date.Year, date.Month)],
            AfterRegularRule after => [.. months.SelectMany(m => regular.DatesIn(m.Year, m.Month)).Select(d => d.AddDays(after.Days)).Where(d => d.Year == date.Year && d.Month == date.Month)],
            _ => [],
        };
    }
}
