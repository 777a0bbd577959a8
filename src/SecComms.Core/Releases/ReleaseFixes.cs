using SecComms.Core.Vulnerabilities;

namespace SecComms.Core.Releases;

/// <summary>Where a fixed version stands against what a release ships.</summary>
internal enum FixPlace
{
    /// <summary>The release ships it.</summary>
    Shipped,
    /// <summary>An earlier patch of a minor line the release ships: the fix went out before it, and it discloses it.</summary>
    Earlier,
    /// <summary>After the version the release ships in the same minor line.</summary>
    Later,
    /// <summary>In a minor line the release does not ship.</summary>
    NotShipped,
}

/// <summary>
/// Where each vulnerability of a release is fixed, against what the release ships. A release often discloses fixes that
/// went out in an earlier patch, and fixes of another product or component (a scanner with versions of its own): each
/// vulnerability carries its own product and fixed versions, and only those of the release's own product are bounded
/// by the versions it ships.
/// </summary>
internal static class ReleaseFixes
{
    /// <summary>The product the release ships: its own, or its first recorded vulnerability's when it names none.</summary>
    public static string ProductOf(SecurityRelease release, IReadOnlyList<Vulnerability> vulnerabilities) =>
        release.Product ?? vulnerabilities.OrderBy(v => v.Number).Select(v => v.Product).FirstOrDefault() ?? "";

    /// <summary>Whether the vulnerability is in another product or component than the release's, with versions of its own.</summary>
    public static bool IsOtherProduct(string releaseProduct, Vulnerability vulnerability) =>
        !string.Equals(vulnerability.Product.Trim(), releaseProduct.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Where <paramref name="version"/>, a fixed version of the release's product, stands.</summary>
    public static FixPlace Place(SecurityRelease release, string version)
    {
        if (release.Versions.Contains(version, StringComparer.Ordinal))
        {
            return FixPlace.Shipped;
        }
        if (!ProductVersions.IsValid(version))
        {
            return FixPlace.NotShipped;
        }
        var line = ProductVersions.MinorLine(version);
        var shipped = release.Versions.Where(ProductVersions.IsValid).FirstOrDefault(s => ProductVersions.MinorLine(s) == line);
        return shipped is null ? FixPlace.NotShipped : ProductVersions.Compare(version, shipped) switch
        {
            < 0 => FixPlace.Earlier,
            0 => FixPlace.Shipped,
            _ => FixPlace.Later,
        };
    }

    /// <summary>The version the release ships in the minor line of <paramref name="version"/>.</summary>
    public static string? ShippedInLineOf(SecurityRelease release, string version) =>
        release.Versions.Where(ProductVersions.IsValid).FirstOrDefault(s => ProductVersions.MinorLine(s) == ProductVersions.MinorLine(version));

    /// <summary>Whether every fix of a vulnerability of the release's product went out in an earlier patch than the release.</summary>
    public static bool FixedEarlier(SecurityRelease release, string releaseProduct, Vulnerability vulnerability) =>
        !IsOtherProduct(releaseProduct, vulnerability) && vulnerability.FixedVersions.Any()
        && vulnerability.FixedVersions.All(f => Place(release, f) == FixPlace.Earlier);
}
