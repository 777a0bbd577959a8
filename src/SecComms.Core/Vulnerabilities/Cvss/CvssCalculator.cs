namespace SecComms.Core.Vulnerabilities.Cvss;

public sealed record CvssScore(string Version, decimal BaseScore, string Severity, string Vector);

// PLACEHOLDER until the calculator branch merges.
public static class CvssCalculator
{
    public static CvssScore Score(string vector) =>
        TryScore(vector, out var score, out var error) ? score! : throw Errors.ValidationException.For("vector", error!);

    public static bool TryScore(string? vector, out CvssScore? score, out string? error)
    {
        score = null;
        error = null;
        var v = vector?.Trim() ?? "";
        if (v.StartsWith("CVSS:3.1/", StringComparison.Ordinal))
        {
            score = new CvssScore("3.1", 5.0m, "Medium", v);
            return true;
        }
        if (v.StartsWith("CVSS:4.0/", StringComparison.Ordinal))
        {
            score = new CvssScore("4.0", 5.0m, "Medium", v);
            return true;
        }
        error = "bad vector";
        return false;
    }
}
