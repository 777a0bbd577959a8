using System.Text.RegularExpressions;

namespace SecComms.Web.Advisories;

/// <summary>
/// The fields of <c>/.well-known/security.txt</c> (RFC 9116), under <c>PublicSite:SecurityTxt</c> in settings. Without a
/// contact the file is not served: RFC 9116 requires one.
/// </summary>
public sealed partial class SecurityTxtOptions
{
    public const string Section = PublicSiteOptions.Section + ":SecurityTxt";
    public const int MaxExpiresAfterDays = 364;

    /// <summary>Where to report a vulnerability, in order of preference: <c>mailto:</c>, <c>https:</c> or <c>tel:</c> addresses.</summary>
    public List<string> Contact { get; set; } = [];

    /// <summary>
    /// How many days ahead <c>Expires</c> lies, counted from the start of the current day (UTC), so the file renews itself
    /// every day and stays the same within one.
    /// </summary>
    public int ExpiresAfterDays { get; set; } = 90;

    /// <summary>Where the key for encrypted reports is: an <c>https:</c>, <c>dns:</c> or <c>openpgp4fpr:</c> address, never the key itself.</summary>
    public string? Encryption { get; set; }

    /// <summary>An <c>https</c> page thanking those who reported vulnerabilities.</summary>
    public string? Acknowledgments { get; set; }

    /// <summary>Languages reports may be written in, as language tags separated by commas (<c>en, de</c>).</summary>
    public string? PreferredLanguages { get; set; }

    /// <summary>An <c>https</c> page with the vulnerability disclosure policy.</summary>
    public string? Policy { get; set; }

    /// <summary>An <c>https</c> page with security jobs.</summary>
    public string? Hiring { get; set; }

    internal bool IsServed => Contact.Count > 0;

    internal bool HasValidContacts() => Contact.All(c => IsAddress(c, "mailto", "https", "tel"));

    internal bool HasValidExpiry() => ExpiresAfterDays is >= 1 and <= MaxExpiresAfterDays;

    internal bool HasValidEncryption() => IsOptionalAddress(Encryption, "https", "dns", "openpgp4fpr");

    internal bool HasValidPages() => IsOptionalAddress(Acknowledgments, "https") && IsOptionalAddress(Policy, "https") && IsOptionalAddress(Hiring, "https");

    internal bool HasValidLanguages() =>
        string.IsNullOrEmpty(PreferredLanguages) || PreferredLanguages.Split(',').All(tag => LanguageTag().IsMatch(tag.Trim()));

    internal IEnumerable<string> Languages() =>
        string.IsNullOrEmpty(PreferredLanguages) ? [] : PreferredLanguages.Split(',').Select(tag => tag.Trim());

    private static bool IsOptionalAddress(string? value, params string[] schemes) => string.IsNullOrEmpty(value) || IsAddress(value, schemes);

    /// <remarks>A value with white space or a line break in it could add fields of its own to the file.</remarks>
    private static bool IsAddress(string value, params string[] schemes) =>
        !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
        && (uri.Scheme != "https" || uri.Host.Length > 0);

    /// <summary>An RFC 5646 language tag in its common shape: a primary language and optional subtags.</summary>
    [GeneratedRegex("^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
