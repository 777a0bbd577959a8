using System.Text.RegularExpressions;

namespace SecComms.Core.Distribution;

/// <summary>The rules for audience values, shared by the API and the CSV import so both refuse the same things.</summary>
public static partial class AudienceValues
{
    /// <summary>The address in lower case, or null when it is not one a relay would accept.</summary>
    public static string? Email(string? value)
    {
        var address = value?.Trim();
        if (string.IsNullOrEmpty(address) || address.Length > AudienceLimits.Email || !Address().IsMatch(address))
        {
            return null;
        }
        var local = address[..address.LastIndexOf('@')];
        return local.StartsWith('.') || local.EndsWith('.') || local.Contains("..") ? null : address.ToLowerInvariant();
    }

    /// <summary>A tier or region: lower case letters, digits and hyphens.</summary>
    public static string? Label(string? value)
    {
        var label = value?.Trim().ToLowerInvariant();
        return string.IsNullOrEmpty(label) || label.Length > AudienceLimits.Attribute || !LabelPattern().IsMatch(label) ? null : label;
    }

    /// <summary>A product version or minor line, such as <c>16.4.2</c> or <c>16.4</c>.</summary>
    public static string? Version(string? value)
    {
        var version = value?.Trim();
        return string.IsNullOrEmpty(version) || version.Length > AudienceLimits.Attribute || !VersionPattern().IsMatch(version) ? null : version;
    }

    /// <summary>Names the audience pages use for themselves, which a segment's address would be hidden behind.</summary>
    public static readonly IReadOnlySet<string> ReservedKeys = new HashSet<string>(StringComparer.Ordinal) { "contacts", "organizations", "import", "new" };

    /// <summary>A segment key: lower case letters, digits and hyphens, starting with a letter, and not one of <see cref="ReservedKeys"/>.</summary>
    public static bool IsKey(string? value) =>
        value is { Length: > 0 and <= AudienceLimits.SegmentKey } && KeyPattern().IsMatch(value) && !ReservedKeys.Contains(value);

    [GeneratedRegex(@"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")]
    private static partial Regex Address();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.+-]*$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex KeyPattern();
}
