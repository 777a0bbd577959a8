using System.Globalization;

namespace SecComms.Core.Vulnerabilities;

/// <summary>Product versions of one to four dot-separated numbers, such as 18.4.2, compared number by number.</summary>
public static class ProductVersions
{
    public const string Format = "one to four dot-separated numbers, such as 18.4.2";

    public static bool IsValid(string? version) => Parse(version) is not null;

    /// <summary>Orders versions by their numbers, a missing part counting as zero: 18.4 equals 18.4.0.</summary>
    public static int Compare(string a, string b)
    {
        var (x, y) = (Parse(a) ?? throw new FormatException(a), Parse(b) ?? throw new FormatException(b));
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var order = (i < x.Length ? x[i] : 0).CompareTo(i < y.Length ? y[i] : 0);
            if (order != 0)
            {
                return order;
            }
        }
        return 0;
    }

    /// <summary>The major and minor number a version belongs to: 18.4 for 18.4.2.</summary>
    public static string MinorLine(string version)
    {
        var parts = Parse(version) ?? throw new FormatException(version);
        return string.Create(CultureInfo.InvariantCulture, $"{parts[0]}.{(parts.Length > 1 ? parts[1] : 0)}");
    }

    private static long[]? Parse(string? version)
    {
        var parts = version?.Split('.');
        if (parts is null || parts.Length is < 1 or > 4)
        {
            return null;
        }
        var numbers = new long[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length is < 1 or > 9 || !long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }
        return numbers;
    }
}
