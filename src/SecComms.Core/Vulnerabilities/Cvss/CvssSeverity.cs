namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>The qualitative severity rating scale, the same in CVSS 3.1 and 4.0.</summary>
public static class CvssSeverity
{
    public const string None = "None";
    public const string Low = "Low";
    public const string Medium = "Medium";
    public const string High = "High";
    public const string Critical = "Critical";

    public static string Of(decimal score) => score switch
    {
        0m => None,
        < 4.0m => Low,
        < 7.0m => Medium,
        < 9.0m => High,
        _ => Critical,
    };
}
