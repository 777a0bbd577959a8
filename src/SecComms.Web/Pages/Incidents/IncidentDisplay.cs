using System.Globalization;
using SecComms.Core.Communications;
using SecComms.Core.Incidents;
using SecComms.Core.Workflow;

namespace SecComms.Web.Pages.Incidents;

/// <summary>How the incident pages write severities, statuses, clocks and times: each as words, never as a colour alone.</summary>
internal static class IncidentDisplay
{
    /// <summary>The statuses an incident may move to, in order.</summary>
    public static readonly IReadOnlyList<IncidentStatus> Forward =
        [IncidentStatus.Identified, IncidentStatus.Contained, IncidentStatus.Resolved, IncidentStatus.PostIncidentReview];

    public static string Code(IncidentSeverity severity) => AuditNames.Of(severity).ToUpperInvariant();

    public static string StatusName(IncidentStatus status) => Capitalize(Core.Incidents.Incidents.Describe(status));

    public static string StatusClass(IncidentStatus status) => "status status-incident-" + AuditNames.Of(status);

    public static string KindName(IncidentKind kind) => Capitalize(AuditNames.Of(kind).Replace('-', ' '));

    public static string PartName(IncidentPart? part) => part is { } p ? Capitalize(IncidentMessages.Describe(p)) : "Other";

    /// <summary>The CSS class of a clock's row: red once missed, orange once escalated, green when met, grey when not running.</summary>
    public static string ClockClass(ClockState state) => "clock-" + state.ToString().ToLowerInvariant();

    public static string ClockStateName(ClockView clock) => clock.State switch
    {
        ClockState.Met when clock.MetLate => "Met late",
        ClockState.Escalated => clock.Escalations == 1 ? "Escalated" : $"Escalated ({clock.Escalations})",
        _ => clock.State.ToString(),
    };

    /// <summary>Time left as people say it, e.g. "5h 20m left" or "2h 5m overdue".</summary>
    public static string Remaining(TimeSpan? remaining)
    {
        if (remaining is not { } left)
        {
            return "—";
        }
        var span = left.Duration();
        var text = span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
            : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m"
            : $"{Math.Max(span.Minutes, left < TimeSpan.Zero ? 1 : 0)}m";
        return left < TimeSpan.Zero ? $"{text} overdue" : $"{text} left";
    }

    /// <summary>A <c>datetime-local</c> value for a time, in UTC as the form reads it.</summary>
    public static string Input(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A time from a <c>datetime-local</c> input, which the incident forms label and read as UTC.</summary>
    public static DateTimeOffset? FromInput(DateTime? local) => local is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    /// <summary>Labels typed as a comma-separated list; an empty box means none.</summary>
    public static IReadOnlyList<string> Labels(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    public static string Join(IReadOnlyList<string> labels) => string.Join(", ", labels);

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
