using System.Globalization;
using System.Text.RegularExpressions;

namespace SecComms.Core.Releases.Calendar;

/// <summary>
/// Reads rules written in a small grammar, case and spacing ignored:
/// <code>
/// rule     = monthly | relative
/// monthly  = term *( ("," | "and") term )      "third thursday", "second wednesday, fourth wednesday"
/// term     = ordinal [weekday]                  an ordinal alone takes the weekday of the next term: "second and fourth wednesday"
/// ordinal  = first | second | third | fourth | last | 1st | 2nd | 3rd | 4th
/// weekday  = monday | tuesday | … | sunday     (a plural such as "wednesdays" is read the same)
/// relative = n ("day" | "days") "after regular" with n from 1 to 28, security rule only: "7 days after regular"
/// </code>
/// </summary>
/// <remarks>There is no "fifth": most months have none, and a rule should give a release every month.</remarks>
public static partial class CalendarRules
{
    public const int MaxDaysAfterRegular = 28;

    private const string Ordinals = "first, second, third, fourth or last";

    private static readonly Dictionary<string, int> OrdinalWords = new(StringComparer.Ordinal)
    {
        ["first"] = 1,
        ["1st"] = 1,
        ["second"] = 2,
        ["2nd"] = 2,
        ["third"] = 3,
        ["3rd"] = 3,
        ["fourth"] = 4,
        ["4th"] = 4,
        ["last"] = MonthWeekday.Last,
    };

    /// <summary>Parses a rule, or says what is wrong with it.</summary>
    /// <param name="text">The rule as written.</param>
    /// <param name="allowRelative">Whether <c>n days after regular</c> is allowed, as it is for the security release only.</param>
    /// <param name="error">What is wrong, completing a sentence that names the setting; null when the rule is good.</param>
    public static CalendarRule? Parse(string? text, bool allowRelative, out string? error)
    {
        error = null;
        var normalized = string.Join(' ', (text ?? "").Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (normalized.Length == 0)
        {
            error = "is empty; write a rule such as 'third thursday'.";
            return null;
        }
        if (normalized.Contains("after", StringComparison.Ordinal) || DaysPrefix().IsMatch(normalized))
        {
            return ParseRelative(text!.Trim(), normalized, allowRelative, out error);
        }
        return ParseMonthly(text!.Trim(), normalized, out error);
    }

    private static AfterRegularRule? ParseRelative(string text, string normalized, bool allowRelative, out string? error)
    {
        error = null;
        if (!allowRelative)
        {
            error = $"'{text}' is relative to the regular release, which needs a rule of its own, such as 'third thursday'.";
            return null;
        }
        var match = RelativePattern().Match(normalized);
        if (!match.Success)
        {
            error = $"'{text}' is not understood; write 'N days after regular', such as '7 days after regular'.";
            return null;
        }
        if (!int.TryParse(match.Groups["days"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > MaxDaysAfterRegular)
        {
            error = $"'{text}': the number of days must be between 1 and {MaxDaysAfterRegular}.";
            return null;
        }
        return new AfterRegularRule(text, days);
    }

    private static MonthlyRule? ParseMonthly(string text, string normalized, out string? error)
    {
        error = null;
        var terms = TermSeparator().Split(normalized).Select(t => t.Trim()).ToList();
        if (terms.Any(t => t.Length == 0))
        {
            error = $"'{text}' has an empty part; separate weekdays with ',' or 'and', such as 'second wednesday, fourth wednesday'.";
            return null;
        }
        var parsed = new List<(int Ordinal, DayOfWeek? Weekday, string Term)>();
        foreach (var term in terms)
        {
            var words = term.Split(' ');
            if (words.Length > 2)
            {
                error = $"'{term}' in '{text}' is not understood; each part is an ordinal and a weekday, such as 'third thursday'.";
                return null;
            }
            if (!OrdinalWords.TryGetValue(words[0], out var ordinal))
            {
                error = words[0] is "fifth" or "5th"
                    ? $"'{words[0]}' in '{text}': most months have no fifth weekday; use {Ordinals}."
                    : $"'{words[0]}' in '{text}' is not an ordinal; use {Ordinals}.";
                return null;
            }
            DayOfWeek? weekday = null;
            if (words.Length == 2)
            {
                weekday = Weekday(words[1]);
                if (weekday is null)
                {
                    error = $"'{words[1]}' in '{text}' is not a weekday; use monday to sunday.";
                    return null;
                }
            }
            parsed.Add((ordinal, weekday, term));
        }
        var days = new List<MonthWeekday>();
        for (var i = 0; i < parsed.Count; i++)
        {
            var weekday = parsed.Skip(i).Select(p => p.Weekday).FirstOrDefault(w => w is not null);
            if (weekday is null)
            {
                error = $"'{parsed[i].Term}' in '{text}' needs a weekday, such as '{parsed[i].Term} thursday'.";
                return null;
            }
            days.Add(new MonthWeekday(parsed[i].Ordinal, weekday.Value));
        }
        return new MonthlyRule(text, days);
    }

    private static DayOfWeek? Weekday(string word)
    {
        var singular = word.EndsWith('s') && word.Length > 6 ? word[..^1] : word;
        return Enum.TryParse<DayOfWeek>(singular, ignoreCase: true, out var day) && singular.EndsWith("day", StringComparison.Ordinal) ? day : null;
    }

    [GeneratedRegex(@"^(?<days>\d+) days? after regular$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativePattern();

    [GeneratedRegex(@"^\d+ days?\b", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPrefix();

    [GeneratedRegex(@"\s*,\s*|\s+and\s+", RegexOptions.CultureInvariant)]
    private static partial Regex TermSeparator();
}
