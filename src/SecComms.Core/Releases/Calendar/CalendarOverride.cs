using System.Globalization;
using System.Text.RegularExpressions;

namespace SecComms.Core.Releases.Calendar;

/// <summary>One exception to the rules: a release skipped, or moved to another date.</summary>
/// <param name="Kind">Which release.</param>
/// <param name="Date">The date its rule gives.</param>
/// <param name="MoveTo">Where it moves; null when it is skipped.</param>
public sealed partial record CalendarOverride(CalendarEntryKind Kind, DateOnly Date, DateOnly? MoveTo)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>
    /// Reads <c>skip (regular | security) DATE</c> or <c>move (regular | security) DATE to DATE</c>, dates as
    /// <c>yyyy-MM-dd</c>, case and spacing ignored; or says what is wrong in <paramref name="error"/>.
    /// </summary>
    public static CalendarOverride? Parse(string? text, out string? error)
    {
        error = null;
        var normalized = string.Join(' ', (text ?? "").Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var match = Pattern().Match(normalized);
        if (!match.Success)
        {
            error = $"'{text}' is not understood; write 'skip regular 2026-12-17' or 'move security 2026-12-24 to 2026-12-29'.";
            return null;
        }
        var kind = match.Groups["kind"].Value == "regular" ? CalendarEntryKind.Regular : CalendarEntryKind.Security;
        if (!TryDate(match.Groups["date"].Value, out var date) || (match.Groups["to"].Success && !TryDate(match.Groups["to"].Value, out _)))
        {
            var bad = TryDate(match.Groups["date"].Value, out _) ? match.Groups["to"].Value : match.Groups["date"].Value;
            error = $"'{bad}' in '{text}' is not a date; write it as {DateFormat}.";
            return null;
        }
        if (match.Groups["verb"].Value == "skip")
        {
            if (match.Groups["to"].Success)
            {
                error = $"'{text}': a skipped release goes nowhere; use 'move … to …' to move it.";
                return null;
            }
            return new CalendarOverride(kind, date, null);
        }
        if (!match.Groups["to"].Success)
        {
            error = $"'{text}' does not say where to; write 'move {match.Groups["kind"].Value} {match.Groups["date"].Value} to {DateFormat}'.";
            return null;
        }
        TryDate(match.Groups["to"].Value, out var to);
        if (to == date)
        {
            error = $"'{text}' moves the release to the date it already has.";
            return null;
        }
        return new CalendarOverride(kind, date, to);
    }

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^(?<verb>skip|move) (?<kind>regular|security) (?<date>\S+)( to (?<to>\S+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
