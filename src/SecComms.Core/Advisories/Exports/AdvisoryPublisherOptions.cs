namespace SecComms.Core.Advisories.Exports;

/// <summary>Who publishes the advisories; bound from the <c>Advisories:Publisher</c> configuration section.</summary>
/// <remarks>
/// The defaults let a fresh install export valid documents in the name of "Example Corp"; a real deployment sets its
/// own name and namespace before publishing anything. CVE records need <see cref="CveOrgId"/>, which only a CVE
/// Numbering Authority has, so it has no default and the CVE export refuses to run without it.
/// </remarks>
public sealed class AdvisoryPublisherOptions
{
    public const string Section = "Advisories:Publisher";

    /// <summary>The publisher's name, in CSAF <c>document.publisher.name</c>.</summary>
    public string Name { get; set; } = "Example Corp";

    /// <summary>The publisher's web address, which makes CSAF tracking ids globally unique.</summary>
    public Uri Namespace { get; set; } = new("https://example.com");

    /// <summary>The CSAF publisher category: <c>vendor</c> (the default), <c>coordinator</c>, <c>discoverer</c>, <c>other</c>, <c>translator</c> or <c>user</c>.</summary>
    public string Category { get; set; } = "vendor";

    /// <summary>How to reach the publisher about an advisory.</summary>
    public string ContactDetails { get; set; } = "Email: security@example.com";

    /// <summary>Who may issue the advisories and under which rules, when worth saying.</summary>
    public string? IssuingAuthority { get; set; }

    /// <summary>The CNA's organization UUID from the CVE program, as assigned to it.</summary>
    public string? CveOrgId { get; set; }

    /// <summary>The CNA's short name in the CVE program (2 to 32 characters).</summary>
    public string? CveShortName { get; set; }

    /// <summary>
    /// What OSV ids start with. <c>x_</c> (the default) is OSV's prefix for databases not registered with it; a
    /// registered database uses its own prefix followed by <c>-</c>.
    /// </summary>
    public string OsvIdPrefix { get; set; } = "x_";

    /// <summary>The OSV ecosystem the product is distributed in (<c>npm</c>, <c>Packagist</c>, …), if any.</summary>
    public string? OsvEcosystem { get; set; }

    /// <summary>The package name in <see cref="OsvEcosystem"/>; the product's name when not set.</summary>
    public string? OsvPackage { get; set; }
}
