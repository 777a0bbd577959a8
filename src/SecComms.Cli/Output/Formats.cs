using System.Globalization;

namespace SecComms.Cli.Output;

internal static class Formats
{
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>A size in bytes as people read it: 412 B, 3.1 KiB, 1.0 GiB.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB"];
        if (bytes < 1024)
        {
            return $"{Number(bytes)} B";
        }
        var value = bytes / 1024.0;
        var unit = 0;
        for (; value >= 1024 && unit < units.Length - 1; unit++)
        {
            value /= 1024;
        }
        return value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    public static string Percent(double share) => share.ToString("0%", CultureInfo.InvariantCulture);
}
