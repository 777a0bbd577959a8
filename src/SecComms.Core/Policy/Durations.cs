using System.Globalization;
using System.Text.RegularExpressions;

namespace SecComms.Core.Policy;

/// <summary>Reads the short durations people write in a policy: <c>30m</c>, <c>4h</c>, <c>2d</c>.</summary>
public static partial class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is not { Success: true })
        {
            return false;
        }
        var amount = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        duration = match.Groups[2].Value switch
        {
            "m" => TimeSpan.FromMinutes(amount),
            "h" => TimeSpan.FromHours(amount),
            _ => TimeSpan.FromDays(amount),
        };
        return amount > 0;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalDays >= 1 && duration.TotalDays == Math.Floor(duration.TotalDays) ? $"{duration.TotalDays:0}d"
        : duration.TotalHours >= 1 && duration.TotalHours == Math.Floor(duration.TotalHours) ? $"{duration.TotalHours:0}h"
        : $"{duration.TotalMinutes:0}m";

    [GeneratedRegex("^([0-9]{1,5})([mhd])$")]
    private static partial Regex Pattern();
}
