using System.Globalization;

namespace SecComms.Core.Advisories.Exports;

/// <summary>Where the CSAF provider publishes each document: the TLP:WHITE directory, by year of first publication.</summary>
public static class CsafLocations
{
    public const string Root = ".well-known/csaf";
    public const string MetadataPath = Root + "/provider-metadata.json";
    public const string DirectoryPath = Root + "/white";

    /// <summary>"2026/sc-12.json": the year of first publication and the tracking id in lower case, as CSAF names files.</summary>
    public static string FilePath(string trackingId, DateTimeOffset initialRelease) =>
        string.Create(CultureInfo.InvariantCulture, $"{initialRelease.UtcDateTime.Year}/{trackingId.ToLowerInvariant()}.json");

    /// <summary>The canonical address of a published document under the site's root.</summary>
    public static Uri DocumentUrl(Uri site, string trackingId, DateTimeOffset initialRelease) =>
        new(site, $"{DirectoryPath}/{FilePath(trackingId, initialRelease)}");
}
