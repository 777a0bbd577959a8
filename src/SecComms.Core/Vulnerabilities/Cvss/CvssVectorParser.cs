namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>Splits the metrics of a vector (after its CVSS:x.y prefix) and checks each against the version's metric table.</summary>
internal static class CvssVectorParser
{
    /// <returns>The metric values by abbreviation, or null with <paramref name="error"/> naming the first problem.</returns>
    public static IReadOnlyDictionary<string, string>? Parse(string metrics, string version, IReadOnlyList<CvssMetric> table, bool orderRequired,
        out string? error)
    {
        var byKey = table.Select((metric, position) => (metric, position)).ToDictionary(m => m.metric.Key, StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        CvssMetric? previous = null;
        var previousPosition = -1;
        foreach (var part in metrics.Length == 0 ? [] : metrics.Split('/'))
        {
            if (part.Length == 0)
            {
                error = "The vector has an empty metric: a doubled '/' or a '/' at the end.";
                return null;
            }
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == part.Length - 1)
            {
                error = $"'{part}' is not a metric: each one is written NAME:VALUE, for example AV:N.";
                return null;
            }
            var key = part[..colon];
            var value = part[(colon + 1)..];
            if (!byKey.TryGetValue(key, out var entry))
            {
                error = $"{key} is not a CVSS {version} metric.";
                return null;
            }
            var metric = entry.metric;
            if (values.ContainsKey(key))
            {
                error = $"{metric.Label} is given more than once.";
                return null;
            }
            if (!metric.Allows(value))
            {
                error = $"{metric.Label} cannot be '{value}'; its values are {metric.AllowedValues}.";
                return null;
            }
            if (orderRequired && entry.position < previousPosition && previous is not null)
            {
                error = $"{metric.Label} must come before {previous.Label}: CVSS {version} vectors list their metrics in the order of the specification.";
                return null;
            }
            values[key] = value;
            previous = metric;
            previousPosition = entry.position;
        }

        var missing = table.Where(m => m.Mandatory && !values.ContainsKey(m.Key)).Select(m => m.Label).ToList();
        if (missing.Count > 0)
        {
            error = missing.Count == 1 ? $"{missing[0]} is missing." : $"{string.Join(", ", missing)} are missing.";
            return null;
        }
        error = null;
        return values;
    }
}
