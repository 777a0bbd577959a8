using System.Globalization;
using SecComms.Core.Errors;

namespace SecComms.Core.Advisories;

/// <summary>What a reader narrows the public list to; each part is optional and they combine.</summary>
/// <param name="Text">Words the web title or the short text contains, compared without regard to case.</param>
/// <param name="Severity">The severity shown on the entry (<see cref="PublicFacts.Severity"/>): <c>Critical</c>, <c>High</c>, …</param>
/// <param name="Product">A product as the advisories name it ("GitLab EE").</param>
/// <param name="Year">The year (UTC) it was published in.</param>
public sealed record PublicEntryFilter(string? Text = null, string? Severity = null, string? Product = null, int? Year = null)
{
    public const int MaxTextLength = 200;

    public static readonly PublicEntryFilter None = new();

    public bool IsEmpty => this == None;

    /// <summary>
    /// The filter from the list's query parameters (<c>q</c>, <c>severity</c>, <c>product</c>, <c>year</c>) as written in
    /// an address; empty ones filter nothing.
    /// </summary>
    /// <exception cref="ValidationException">A value is not one the site understands, each named by its parameter.</exception>
    /// <remarks>
    /// Only the one spelling of each value is accepted (<c>critical</c>, <c>2026</c>), so that each filtered page has one
    /// address and a kept copy of it serves every reader asking for it.
    /// </remarks>
    public static PublicEntryFilter Parse(string? q, string? severity, string? product, string? year)
    {
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var level = string.IsNullOrEmpty(severity) ? null : PublicSeverity.Levels.FirstOrDefault(l => string.Equals(l.ToLowerInvariant(), severity, StringComparison.Ordinal));
        var named = string.IsNullOrEmpty(product) ? null : product;
        int? published = string.IsNullOrEmpty(year) ? null
            : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1000 and <= 9999
                && number.ToString(CultureInfo.InvariantCulture) == year ? number : -1;
        new Validation()
            .Require(text is null || text.Length <= MaxTextLength, "q", $"q must be at most {MaxTextLength} characters.")
            .PlainText(text, "q")
            .Require(string.IsNullOrEmpty(severity) || level is not null, "severity",
                $"severity must be one of {string.Join(", ", PublicSeverity.Levels.Select(l => l.ToLowerInvariant()))}.")
            .PlainText(named, "product")
            .Require(published != -1, "year", "year must be a year of four digits, such as 2026.")
            .ThrowIfInvalid();
        return new PublicEntryFilter(text, level, named, published);
    }
}
