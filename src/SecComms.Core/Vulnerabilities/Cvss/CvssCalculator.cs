using System.Diagnostics.CodeAnalysis;
using SecComms.Core.Errors;

namespace SecComms.Core.Vulnerabilities.Cvss;

/// <summary>Scores CVSS v3.1 and v4.0 vectors as the FIRST specifications define them.</summary>
public static class CvssCalculator
{
    /// <summary>Longer than any vector that names every metric of either version once.</summary>
    public const int MaxVectorLength = 512;

    /// <summary>Scores a vector such as <c>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</c>.</summary>
    /// <exception cref="ValidationException">The vector is malformed; the message names the metric at fault.</exception>
    public static CvssScore Score(string vector) =>
        TryScore(vector, out var score, out var error) ? score : throw ValidationException.For("vector", error);

    /// <summary>Scores a vector, or says in <paramref name="error"/> what is wrong with it.</summary>
    public static bool TryScore([NotNullWhen(true)] string? vector, [NotNullWhen(true)] out CvssScore? score, [NotNullWhen(false)] out string? error)
    {
        score = null;
        var text = vector?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "vector is required: a CVSS 3.1 or 4.0 vector string such as CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H.";
            return false;
        }
        if (text.Length > MaxVectorLength)
        {
            error = $"vector must be at most {MaxVectorLength} characters (it has {text.Length:N0}).";
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? text : text[..slash];
        var metrics = slash < 0 ? "" : text[(slash + 1)..];
        switch (prefix)
        {
            case "CVSS:3.1":
                var v31 = CvssVectorParser.Parse(metrics, Cvss31.Version, Cvss31.Metrics, orderRequired: false, out error);
                score = v31 is null ? null : Scored(Cvss31.Version, Cvss31.BaseScore(v31), text);
                break;
            case "CVSS:4.0":
                var v40 = CvssVectorParser.Parse(metrics, Cvss40.Version, Cvss40.Metrics, orderRequired: true, out error);
                score = v40 is null ? null : Scored(Cvss40.Version, Cvss40.Score(v40), text);
                break;
            default:
                error = prefix.StartsWith("CVSS:", StringComparison.Ordinal)
                    ? $"{prefix} is not supported; use CVSS:3.1 or CVSS:4.0."
                    : $"A CVSS vector starts with CVSS:3.1/ or CVSS:4.0/ (this one starts with '{prefix}').";
                break;
        }
        return score is not null;
    }

    private static CvssScore Scored(string version, decimal score, string vector) => new(version, score, CvssSeverity.Of(score), vector);
}
