using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using SecComms.Core.Advisories;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Errors;

namespace SecComms.Web.Advisories;

/// <summary>
/// The CSAF 2.0 provider: <c>/.well-known/csaf/provider-metadata.json</c>, the TLP:WHITE directory of published
/// advisories by year with its <c>index.txt</c>, <c>changes.csv</c> and SHA-256/SHA-512 files, and a ROLIE feed.
/// </summary>
/// <remarks>
/// Only published, public advisories are here: TLP:WHITE is the CSAF 2.0 label for what TLP 2.0 calls CLEAR. Each
/// document is built from the same published entry as its page, so the directory never shows more than the site.
/// </remarks>
public static class CsafProvider
{
    public const string MetadataPath = CsafLocations.MetadataPath;
    public const string DirectoryPath = CsafLocations.DirectoryPath;
    public const string FeedFile = "feed-tlp-white.json";

    public static IEndpointRouteBuilder MapCsafProvider(this IEndpointRouteBuilder app)
    {
        Public(app, "/" + MetadataPath, async (AdvisoryDocuments documents, PublicSite site, IOptions<AdvisoryPublisherOptions> publisher, HttpResponse response,
            CancellationToken ct) =>
        {
            var list = await documents.PublishedListAsync(ct);
            await JsonAsync(response, Metadata(site, publisher.Value, Updated(list)), Updated(list), ct);
        });
        Public(app, $"/{DirectoryPath}/{FeedFile}", async (AdvisoryDocuments documents, PublicSite site, IOptions<AdvisoryPublisherOptions> publisher,
            HttpResponse response, CancellationToken ct) =>
        {
            var list = await documents.PublishedListAsync(ct);
            await JsonAsync(response, Feed(site, publisher.Value, list), Updated(list), ct);
        });
        Public(app, $"/{DirectoryPath}/index.txt", async (AdvisoryDocuments documents, HttpResponse response, CancellationToken ct) =>
        {
            var list = await documents.PublishedListAsync(ct);
            await TextAsync(response, string.Concat(list.Select(a => FilePath(a) + "\n")), Updated(list), ct);
        });
        Public(app, $"/{DirectoryPath}/changes.csv", async (AdvisoryDocuments documents, HttpResponse response, CancellationToken ct) =>
        {
            var list = await documents.PublishedListAsync(ct);
            await TextAsync(response, string.Concat(list.Select(a => $"\"{FilePath(a)}\",\"{Rfc3339.Format(a.PublishedAt)}\"\n")), Updated(list), ct, "text/csv");
        });
        Public(app, $"/{DirectoryPath}/{{year}}/{{file}}", async (string year, string file, AdvisoryDocuments documents, PublicSite site, CsafWriter csaf,
            HttpResponse response, CancellationToken ct) =>
        {
            var (name, hash) = Split(file);
            var reference = ReferenceOf(name) ?? throw new NotFoundException($"There is no CSAF document {file}.");
            var document = await documents.PublishedAsync(reference, site.Home, ct);
            if (FilePath(reference, document.InitialReleaseDate) != $"{year}/{name}")
            {
                throw new NotFoundException($"There is no CSAF document {year}/{file}.");
            }
            var bytes = ExportJson.Serialize(csaf.Write(document));
            if (hash is null)
            {
                await JsonBytesAsync(response, bytes, document.CurrentReleaseDate, ct);
                return;
            }
            var digest = hash == "sha256" ? SHA256.HashData(bytes) : SHA512.HashData(bytes);
            await TextAsync(response, $"{Convert.ToHexStringLower(digest)}  {name}\n", document.CurrentReleaseDate, ct);
        });
        return app;
    }

    /// <summary>"2026/sc-12.json": the year of first publication and the tracking id in lower case, as CSAF names files.</summary>
    public static string FilePath(PublishedAdvisory advisory) => FilePath(advisory.Reference, advisory.PublishedAt);

    private static string FilePath(string reference, DateTimeOffset published) => CsafLocations.FilePath(reference, published);

    private static JsonObject Metadata(PublicSite site, AdvisoryPublisherOptions publisher, DateTimeOffset updated) => new()
    {
        ["canonical_url"] = Url(site, MetadataPath),
        ["distributions"] = new JsonArray(new JsonObject
        {
            ["directory_url"] = Url(site, DirectoryPath + "/"),
            ["rolie"] = new JsonObject
            {
                ["feeds"] = new JsonArray(new JsonObject
                {
                    ["summary"] = "Published security advisories.",
                    ["tlp_label"] = "WHITE",
                    ["url"] = Url(site, $"{DirectoryPath}/{FeedFile}"),
                }),
            },
        }),
        ["last_updated"] = Rfc3339.Format(updated),
        ["list_on_CSAF_aggregators"] = true,
        ["metadata_version"] = "2.0",
        ["mirror_on_CSAF_aggregators"] = true,
        ["publisher"] = new JsonObject
        {
            ["category"] = publisher.Category,
            ["contact_details"] = publisher.ContactDetails,
            ["name"] = publisher.Name,
            ["namespace"] = publisher.Namespace.ToString(),
        },
        ["role"] = "csaf_provider",
    };

    private static JsonObject Feed(PublicSite site, AdvisoryPublisherOptions publisher, IReadOnlyList<PublishedAdvisory> list) => new()
    {
        ["feed"] = new JsonObject
        {
            ["id"] = "csaf-feed-tlp-white",
            ["title"] = $"{publisher.Name} CSAF feed (TLP:WHITE)",
            ["link"] = new JsonArray(new JsonObject { ["rel"] = "self", ["href"] = Url(site, $"{DirectoryPath}/{FeedFile}") }),
            ["category"] = new JsonArray(new JsonObject { ["scheme"] = "urn:ietf:params:rolie:category:information-type", ["term"] = "csaf" }),
            ["updated"] = Rfc3339.Format(Updated(list)),
            ["entry"] = new JsonArray([.. list.Select(a => (JsonNode)new JsonObject
            {
                ["id"] = a.Reference,
                ["title"] = a.Title,
                ["link"] = new JsonArray(
                    new JsonObject { ["rel"] = "self", ["href"] = Url(site, $"{DirectoryPath}/{FilePath(a)}") },
                    new JsonObject { ["rel"] = "hash", ["href"] = Url(site, $"{DirectoryPath}/{FilePath(a)}.sha256") },
                    new JsonObject { ["rel"] = "hash", ["href"] = Url(site, $"{DirectoryPath}/{FilePath(a)}.sha512") }),
                ["published"] = Rfc3339.Format(a.PublishedAt),
                ["updated"] = Rfc3339.Format(a.PublishedAt),
                ["content"] = new JsonObject { ["type"] = "application/json", ["src"] = Url(site, $"{DirectoryPath}/{FilePath(a)}") },
                ["format"] = new JsonObject { ["schema"] = "https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json", ["version"] = "2.0" },
            })]),
        },
    };

    private static void Public(IEndpointRouteBuilder app, string pattern, Delegate handler) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], handler)
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute())
            .ExcludeFromDescription();

    private static (string Name, string? Hash) Split(string file) =>
        file.EndsWith(".json.sha256", StringComparison.Ordinal) ? (file[..^7], "sha256")
        : file.EndsWith(".json.sha512", StringComparison.Ordinal) ? (file[..^7], "sha512")
        : (file, null);

    /// <remarks>Only the canonical lower-case name ("sc-12.json") is a document, so each has exactly one address.</remarks>
    private static string? ReferenceOf(string name) =>
        name.StartsWith("sc-", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(3, name.Length - 8), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
        && $"sc-{number.ToString(CultureInfo.InvariantCulture)}.json" == name
            ? $"SC-{number.ToString(CultureInfo.InvariantCulture)}"
            : null;

    private static DateTimeOffset Updated(IReadOnlyList<PublishedAdvisory> list) => list.Count == 0 ? DateTimeOffset.UnixEpoch : list.Max(a => a.PublishedAt);

    private static string Url(PublicSite site, string path) => new Uri(site.Home, path).ToString();

    private static Task JsonAsync(HttpResponse response, JsonObject json, DateTimeOffset updated, CancellationToken ct) =>
        JsonBytesAsync(response, ExportJson.Serialize(json), updated, ct);

    private static async Task JsonBytesAsync(HttpResponse response, byte[] bytes, DateTimeOffset updated, CancellationToken ct)
    {
        response.GetTypedHeaders().LastModified = updated;
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(bytes, ct);
    }

    private static async Task TextAsync(HttpResponse response, string text, DateTimeOffset updated, CancellationToken ct, string type = "text/plain")
    {
        response.GetTypedHeaders().LastModified = updated;
        response.ContentType = type + "; charset=utf-8";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
    }
}
