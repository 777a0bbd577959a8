using System.Globalization;

namespace SecComms.Core.Errors;

/// <summary>An instant as people read it in a message: to the minute, in UTC, named as such.</summary>
public static class Moment
{
    public static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Text(DateTimeOffset? at) => at is { } value ? Text(value) : "an unknown time";
}
