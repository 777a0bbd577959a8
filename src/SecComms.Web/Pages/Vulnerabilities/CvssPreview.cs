using System.Globalization;
using SecComms.Core.Vulnerabilities.Cvss;

namespace SecComms.Web.Pages.Vulnerabilities;

/// <summary>The score shown beside a vector input, or why there is none; the same words on the page and from the live score.</summary>
/// <param name="Text">What the person reads, such as "9.8 (Critical)" or the message naming the bad metric.</param>
/// <param name="Valid">Whether the vector scored, in the version the input asks for.</param>
/// <param name="Empty">Whether there is no vector to score yet, which is not an error.</param>
public sealed record CvssPreview(string Text, bool Valid, bool Empty = false)
{
    public const string NoVector = "No vector yet.";

    /// <param name="vector">What is in the input.</param>
    /// <param name="version">The CVSS version the input takes: "3.1" or "4.0".</param>
    public static CvssPreview For(string? vector, string version)
    {
        if (string.IsNullOrWhiteSpace(vector))
        {
            return new(NoVector, false, Empty: true);
        }
        if (!CvssCalculator.TryScore(vector, out var score, out var error) || score is null)
        {
            return new(error ?? "This is not a CVSS vector.", false);
        }
        return score.Version == version
            ? new(Describe(score), true)
            : new($"This is a CVSS {score.Version} vector; this field takes one starting CVSS:{version}/.", false);
    }

    /// <summary>The output's classes: a score, nothing to score yet, or what is wrong.</summary>
    public string CssClass => Valid ? "cvss-score" : Empty ? "cvss-score cvss-score-empty" : "cvss-score cvss-score-none";

    public static string Describe(CvssScore score) => Describe(score.BaseScore, score.Severity);

    public static string Describe(decimal score, string severity) => string.Create(CultureInfo.InvariantCulture, $"{score:0.0} ({severity})");
}
