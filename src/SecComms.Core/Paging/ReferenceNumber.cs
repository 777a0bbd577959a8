using System.Globalization;
using System.Text.RegularExpressions;
using SecComms.Core.Errors;

namespace SecComms.Core.Paging;

/// <summary>The number in a record's reference (INC-3, SR-3, VULN-7), which lists filter on to find one record by it.</summary>
public static partial class ReferenceNumber
{
    /// <summary>The number of <paramref name="reference"/> when it has <paramref name="prefix"/>, null when none is given; 400 otherwise.</summary>
    public static int? Parse(string? reference, string prefix)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }
        var match = Shape().Match(reference.Trim());
        return match.Success && string.Equals(match.Groups["prefix"].Value, prefix, StringComparison.OrdinalIgnoreCase)
            ? int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture)
            : throw ValidationException.For("reference", $"reference must look like {prefix}-3.");
    }

    [GeneratedRegex("^(?<prefix>[A-Za-z]+)-(?<number>[1-9][0-9]{0,8})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
