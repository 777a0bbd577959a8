using System.Globalization;
using System.Text;

namespace SecComms.Core.Releases.Calendar;

/// <summary>What a written calendar is called and how its events are named.</summary>
/// <param name="Name">The calendar's name, as calendar apps show it.</param>
/// <param name="UidDomain">The host name that makes event UIDs globally unique, such as security.example.com.</param>
/// <param name="Stamp">When the calendar was last revised (DTSTAMP of every event).</param>
public sealed record ICalendarInfo(string Name, string UidDomain, DateTimeOffset Stamp);

/// <summary>Writes release calendar entries as an iCalendar object (RFC 5545) that calendar apps can subscribe to.</summary>
/// <remarks>
/// Times are written in UTC, which every client reads the same and shows in its own zone, so no VTIMEZONE is needed. An
/// event's UID comes from its kind and the date its rule gives, so a moved release stays the same event in subscribers'
/// calendars. Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
/// </remarks>
public static class ICalendarWriter
{
    public const string MediaType = "text/calendar";
    public const int MaxLineOctets = 75;
    public static readonly TimeSpan EventDuration = TimeSpan.FromHours(1);

    public static byte[] Write(ReleaseCalendarView calendar, ICalendarInfo info)
    {
        var text = new StringBuilder();
        Line(text, "BEGIN:VCALENDAR");
        Line(text, "VERSION:2.0");
        Line(text, "PRODID:-//SecComms//Release calendar//EN");
        Line(text, "CALSCALE:GREGORIAN");
        Line(text, "X-WR-CALNAME:" + Escape(info.Name));
        Line(text, "X-WR-CALDESC:" + Escape($"Regular releases: {calendar.Regular}. Security releases: {calendar.Security}. Times in {calendar.TimeZone}."));
        foreach (var entry in calendar.Entries)
        {
            Line(text, "BEGIN:VEVENT");
            Line(text, $"UID:{ReleaseSchedule.Name(entry.Kind)}-{entry.RuleDate:yyyyMMdd}@{info.UidDomain}");
            Line(text, "DTSTAMP:" + Utc(info.Stamp));
            Line(text, "DTSTART:" + Utc(entry.At));
            Line(text, "DURATION:PT" + EventDuration.TotalMinutes.ToString(CultureInfo.InvariantCulture) + "M");
            Line(text, "SUMMARY:" + Escape(Summary(entry)));
            Line(text, "DESCRIPTION:" + Escape(Description(entry, calendar.TimeZone)));
            Line(text, "CATEGORIES:" + Escape(ReleaseSchedule.Name(entry.Kind)));
            Line(text, "STATUS:CONFIRMED");
            Line(text, "TRANSP:TRANSPARENT");
            Line(text, "END:VEVENT");
        }
        Line(text, "END:VCALENDAR");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static string Summary(ReleaseCalendarEntry entry) => entry.Kind == CalendarEntryKind.Regular ? "Regular release" : "Security release";

    private static string Description(ReleaseCalendarEntry entry, string zone)
    {
        var local = entry.LocalTime.ToString("yyyy-MM-dd, HH:mm", CultureInfo.InvariantCulture);
        var offset = entry.LocalTime.ToString("zzz", CultureInfo.InvariantCulture);
        var moved = entry.MovedFrom is { } from ? $"; moved from {from.ToString(CalendarOverride.DateFormat, CultureInfo.InvariantCulture)}" : "";
        return $"{Summary(entry)}: {local} {zone} (UTC{offset}){moved}.";
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>RFC 5545 §3.3.11: backslash, semicolon, comma and line breaks are escaped in TEXT values.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "", StringComparison.Ordinal);

    /// <summary>RFC 5545 §3.1: content lines longer than 75 octets continue on lines that start with a space.</summary>
    private static void Line(StringBuilder text, string line)
    {
        var octets = 0;
        var limit = MaxLineOctets;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                text.Append("\r\n ");
                octets = 0;
                limit = MaxLineOctets - 1;
            }
            text.Append(rune.ToString());
            octets += size;
        }
        text.Append("\r\n");
    }
}
