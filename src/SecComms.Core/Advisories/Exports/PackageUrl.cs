using System.Text.RegularExpressions;

namespace SecComms.Core.Advisories.Exports;

/// <summary>
/// Package URLs (<c>pkg:type/namespace/name?qualifiers#subpath</c>) as a product's record keeps them: without a version,
/// which each export fills in where it names one.
/// </summary>
public static partial class PackageUrl
{
    public const string Example = "pkg:npm/%40example/platform";

    /// <summary>The OSV ecosystem of each package URL type that has one.</summary>
    private static readonly Dictionary<string, string> Ecosystems = new(StringComparer.Ordinal)
    {
        ["bitnami"] = "Bitnami",
        ["cargo"] = "crates.io",
        ["composer"] = "Packagist",
        ["conan"] = "ConanCenter",
        ["cran"] = "CRAN",
        ["gem"] = "RubyGems",
        ["golang"] = "Go",
        ["hackage"] = "Hackage",
        ["hex"] = "Hex",
        ["maven"] = "Maven",
        ["npm"] = "npm",
        ["nuget"] = "NuGet",
        ["pub"] = "Pub",
        ["pypi"] = "PyPI",
        ["swift"] = "SwiftURL",
    };

    /// <summary>Why <paramref name="purl"/> cannot name a product's versions, or null when it can.</summary>
    public static string? Problem(string purl)
    {
        var match = Pattern().Match(purl);
        if (!match.Success)
        {
            return $"'{purl}' is not a package URL without a version, such as {Example}: pkg:, a lower-case type, a slash, an optional namespace "
                + "and the name, with any other character percent-encoded.";
        }
        return match.Groups["type"].Value == "maven" && match.Groups["namespace"].Length == 0
            ? $"'{purl}' names no namespace; a maven package URL names its group, such as pkg:maven/com.example/platform."
            : null;
    }

    /// <summary>The URL of one version: <c>@15.4.6</c> after the name.</summary>
    public static string WithVersion(string purl, string version)
    {
        var end = purl.IndexOfAny(['?', '#']);
        return end < 0 ? $"{purl}@{version}" : $"{purl[..end]}@{version}{purl[end..]}";
    }

    /// <summary>The OSV package the URL names (ecosystem and name), or null when its type has no OSV ecosystem.</summary>
    public static (string Ecosystem, string Name)? OsvPackage(string purl)
    {
        var match = Pattern().Match(purl);
        if (!match.Success || !Ecosystems.TryGetValue(match.Groups["type"].Value, out var ecosystem))
        {
            return null;
        }
        var name = Uri.UnescapeDataString(match.Groups["name"].Value);
        var space = match.Groups["namespace"].Value.TrimEnd('/');
        if (space.Length == 0)
        {
            return (ecosystem, name);
        }
        var decoded = string.Join('/', space.Split('/').Select(Uri.UnescapeDataString));
        return (ecosystem, ecosystem == "Maven" ? $"{decoded}:{name}" : $"{decoded}/{name}");
    }

    [GeneratedRegex(@"^pkg:(?<type>[a-z][a-z0-9.+-]*)/(?<namespace>(?:(?:[A-Za-z0-9._~+-]|%[0-9A-Fa-f]{2})+/)*)(?<name>(?:[A-Za-z0-9._~+-]|%[0-9A-Fa-f]{2})+)(?:\?[A-Za-z0-9._~%+=&-]*)?(?:#[A-Za-z0-9._~%+/-]*)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
