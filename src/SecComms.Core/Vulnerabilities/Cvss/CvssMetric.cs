namespace SecComms.Core.Vulnerabilities.Cvss;

internal sealed record CvssValue(string Code, string Name);

/// <summary>One metric of a CVSS version: its abbreviation, its name, the values it may take and whether a vector must carry it.</summary>
internal sealed record CvssMetric(string Key, string Name, bool Mandatory, IReadOnlyList<CvssValue> Values)
{
    public string Label => $"{Key} ({Name})";

    public bool Allows(string code) => Values.Any(v => v.Code == code);

    public string AllowedValues
    {
        get
        {
            var names = Values.Select(v => v.Code == v.Name ? v.Code : $"{v.Code} ({v.Name})").ToList();
            return names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} or {names[^1]}";
        }
    }

    public static CvssMetric Base(string key, string name, params string[] values) => new(key, name, true, Parse(values));

    /// <summary>A metric that may be left out; leaving it out is the same as giving X (Not Defined).</summary>
    public static CvssMetric Optional(string key, string name, params string[] values) =>
        new(key, name, false, [new CvssValue("X", "Not Defined"), .. Parse(values)]);

    private static CvssValue[] Parse(string[] values) =>
        [.. values.Select(v => v.Split('=') is [var code, var name] ? new CvssValue(code, name) : new CvssValue(v, v))];
}
