using System.Globalization;

namespace SecComms.Core.Advisories;

/// <summary>Instants as every public document writes them: RFC 3339 in UTC to the second, such as 2026-11-02T09:00:00Z.</summary>
public static class Rfc3339
{
    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
