using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SecComms.Core.Incidents.Clocks;

/// <summary>
/// How long a notification clock runs, as a policy writes it: <c>30m</c>, <c>24h</c>, <c>72 hours</c>, <c>14 days</c>,
/// <c>4 business days</c> or <c>1 month</c>. The unit decides how the deadline is counted (see <see cref="ClockUnit"/>):
/// minutes and hours are elapsed time; days, business days and months are read on the calendar of a time zone.
/// </summary>
/// <remarks>
/// Regulators count differently: GDPR Art. 33 gives 72 hours from awareness, which daylight saving time cannot shorten,
/// while SEC Form 8-K Item 1.05 gives four business days, which end at midnight where the company files.
/// </remarks>
public readonly partial record struct ClockPeriod
{
    public const int MaxAmount = 9999;

    private const string Examples = "write e.g. 30m, 24h, 72 hours, 14 days, 4 business days or 1 month.";

    /// <param name="amount">1 to <see cref="MaxAmount"/>.</param>
    /// <param name="unit">What is counted.</param>
    public ClockPeriod(int amount, ClockUnit unit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amount, MaxAmount);
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not a clock unit.");
        }
        Amount = amount;
        Unit = unit;
    }

    public int Amount { get; }

    public ClockUnit Unit { get; }

    /// <summary>
    /// Reads a period, case ignored, words separated by single spaces: <c>30m</c>, <c>30 minutes</c>, <c>24h</c>,
    /// <c>72 hours</c>, <c>14d</c>, <c>14 days</c>, <c>4 business days</c> or <c>2 months</c>, singular or plural, with
    /// a whole number from 1 to <see cref="MaxAmount"/>.
    /// </summary>
    /// <param name="text">The period as written.</param>
    /// <param name="period">The period read; the default when the text is not one.</param>
    /// <param name="error">A sentence saying what is wrong and what to write instead; null when the text is a period.</param>
    public static bool TryParse(string? text, out ClockPeriod period, [NotNullWhen(false)] out string? error)
    {
        period = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = $"The period is empty; {Examples}";
            return false;
        }
        var match = Pattern().Match(trimmed);
        if (!match.Success)
        {
            error = $"'{trimmed}' is not a period; {Examples}";
            return false;
        }
        if (!int.TryParse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount is < 1 or > MaxAmount)
        {
            error = $"'{trimmed}' is not a period: the number must be from 1 to {MaxAmount}; {Examples}";
            return false;
        }
        var unit = match.Groups["unit"].Value.ToLowerInvariant() switch
        {
            "m" or "minute" or "minutes" => ClockUnit.Minutes,
            "h" or "hour" or "hours" => ClockUnit.Hours,
            "d" or "day" or "days" => ClockUnit.Days,
            "business day" or "business days" => ClockUnit.BusinessDays,
            _ => ClockUnit.Months,
        };
        period = new ClockPeriod(amount, unit);
        error = null;
        return true;
    }

    /// <summary>The period in words, which <see cref="TryParse"/> reads back: <c>72 hours</c>, <c>1 business day</c>.</summary>
    public string Format() => Unit switch
    {
        ClockUnit.Minutes => Counted("minute"),
        ClockUnit.Hours => Counted("hour"),
        ClockUnit.Days => Counted("day"),
        ClockUnit.BusinessDays => Counted("business day"),
        ClockUnit.Months => Counted("month"),
        _ => "no period",
    };

    public override string ToString() => Format();

    /// <summary>When a clock of this period that starts at <paramref name="start"/> runs out, in UTC.</summary>
    /// <param name="start">When the clock starts: awareness, a materiality determination.</param>
    /// <param name="calendar">The time zone, weekend and holidays that days, business days and months are counted in.</param>
    /// <remarks>
    /// A local time the clocks skip when they go forward is taken as the first moment after the jump (02:30 becomes
    /// 03:00); a local time that happens twice when they go back is taken the first time.
    /// </remarks>
    public DateTimeOffset DueAfter(DateTimeOffset start, BusinessCalendar calendar) => Unit switch
    {
        ClockUnit.Minutes => start.ToUniversalTime().AddMinutes(Amount),
        ClockUnit.Hours => start.ToUniversalTime().AddHours(Amount),
        ClockUnit.Days => calendar.At(calendar.LocalTime(start).AddDays(Amount)),
        ClockUnit.Months => calendar.At(calendar.LocalTime(start).AddMonths(Amount)),
        ClockUnit.BusinessDays => calendar.At(calendar.BusinessDaysAfter(calendar.DateAt(start), Amount).AddDays(1).ToDateTime(TimeOnly.MinValue)),
        _ => throw new InvalidOperationException("This period was never set; read one with ClockPeriod.TryParse."),
    };

    private string Counted(string unit) => Amount == 1 ? $"1 {unit}" : $"{Amount} {unit}s";

    [GeneratedRegex("^(?<amount>[0-9]+)(?:(?<unit>[mhd])| (?<unit>minutes?|hours?|days?|business days?|months?))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
