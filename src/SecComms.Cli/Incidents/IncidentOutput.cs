using System.Globalization;
using SecComms.Cli.Output;

namespace SecComms.Cli.Incidents;

/// <summary>How an incident's clocks, engagements and messages read in a terminal.</summary>
internal static class IncidentOutput
{
    public const int NameWidth = 60;

    public static readonly IReadOnlyList<string> ClockHeaders = ["KEY", "NAME", "DUE (UTC)", "REMAINING", "STATE"];

    public static readonly IReadOnlyList<string> RunningClockHeaders = ["INCIDENT", "SEVERITY", "KEY", "NAME", "DUE (UTC)", "REMAINING", "STATE"];

    public static readonly IReadOnlyList<string> EngagementHeaders = ["PARTY", "NAME", "DUE (UTC)", "ENGAGED", "WHY"];

    public static readonly IReadOnlyList<string> MessageHeaders = ["REFERENCE", "PART", "CATEGORY", "STATUS", "SUPPORT FAQ", "SOCIAL", "TITLE", "ID"];

    private const string Red = "\u001b[31m";
    private const string Yellow = "\u001b[33m";
    private const string Green = "\u001b[32m";
    private const string Reset = "\u001b[0m";

    /// <summary>The state is the last column, so its colour codes never throw the other columns out of line.</summary>
    public static void WriteClocks(TextWriter output, IReadOnlyList<ClockDetail> clocks, bool colour) =>
        TextTable.Write(output, clocks.Select(c => (IReadOnlyList<string>)
        [
            c.Key,
            TextTable.Shorten(c.Name, NameWidth),
            Due(c.DueAt),
            Remaining(c.Remaining),
            State(c, colour),
        ]), ClockHeaders);

    public static void WriteRunningClocks(TextWriter output, IReadOnlyList<RunningClockDetail> clocks, bool colour) =>
        TextTable.Write(output, clocks.Select(r => (IReadOnlyList<string>)
        [
            r.Incident,
            r.Severity,
            r.Clock.Key,
            TextTable.Shorten(r.Clock.Name, NameWidth),
            Due(r.Clock.DueAt),
            Remaining(r.Clock.Remaining),
            State(r.Clock, colour),
        ]), RunningClockHeaders);

    public static void WriteEngagements(TextWriter output, IReadOnlyList<EngagementDetail> engagements) =>
        TextTable.Write(output, engagements.Select(e => (IReadOnlyList<string>)
        [
            e.Party,
            e.Name,
            Due(e.DueAt),
            e.EngagedAt is { } at ? Due(at) + (e.EngagedBy is { } by ? $" by {by.Email}" : "")
                : e.Overdue ? "no, overdue" : "no",
            string.Join("; ", e.Rules),
        ]), EngagementHeaders);

    public static void WriteMessages(TextWriter output, IReadOnlyList<IncidentMessageDetail> messages) =>
        TextTable.Write(output, messages.Select(m => (IReadOnlyList<string>)
        [
            m.Reference,
            m.Part ?? "linked",
            m.Category,
            m.Status,
            Formats.YesNo(m.HasSupportFaq),
            Formats.YesNo(m.HasSocialStatement),
            TextTable.Shorten(m.Title, NameWidth),
            m.Id.ToString(),
        ]), MessageHeaders);

    /// <summary>Time left as people say it: <c>5h 12m</c>, <c>2d 3h</c>, or <c>overdue 20m</c> once past due.</summary>
    public static string Remaining(TimeSpan? remaining) => remaining switch
    {
        null => "-",
        { } left when left < TimeSpan.Zero => "overdue " + Span(left.Duration()),
        { } left => Span(left),
    };

    /// <remarks>Colour says how urgent a clock is: red once it is missed or overdue, yellow once it has escalated, green while it runs.</remarks>
    public static string State(ClockDetail clock, bool colour)
    {
        var text = clock.State switch
        {
            "escalated" => $"escalated ({Formats.Number(clock.Escalations)})",
            "met" when clock.MetLate => "met late",
            _ => clock.State,
        };
        var paint = clock.State switch
        {
            "missed" => Red,
            "running" or "escalated" when clock.Remaining < TimeSpan.Zero => Red,
            "escalated" => Yellow,
            "running" => Green,
            _ => null,
        };
        return colour && paint is not null ? paint + text + Reset : text;
    }

    private static string Due(DateTimeOffset? at) =>
        at is { } due ? due.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    /// <remarks>Whole minutes, rounded down, in at most two units.</remarks>
    private static string Span(TimeSpan span) =>
        span.Days > 0 ? $"{Formats.Number(span.Days)}d {Formats.Number(span.Hours)}h"
        : span.Hours > 0 ? $"{Formats.Number(span.Hours)}h {Formats.Number(span.Minutes)}m"
        : $"{Formats.Number(span.Minutes)}m";
}
