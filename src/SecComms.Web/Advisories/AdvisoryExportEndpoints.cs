using System.Text.Json.Nodes;
using SecComms.Core.Advisories;
using SecComms.Core.Advisories.Exports;
using SecComms.Core.Errors;
using SecComms.Core.Identity;

namespace SecComms.Web.Advisories;

/// <summary>
/// An advisory as CSAF 2.0, OSV or a CVE JSON 5.x record: for drafts through the API, and publicly once published
/// (<c>/advisories/SC-12/csaf.json</c>, <c>osv.json</c>, <c>cve.json</c>).
/// </summary>
public static class AdvisoryExportEndpoints
{
    public static readonly IReadOnlyList<string> Formats = ["csaf", "osv", "cve"];

    public static RouteGroupBuilder MapAdvisoryExportEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/communications/{id:guid}/exports/{format}", async (Guid id, string format, Actor actor, AdvisoryDocuments documents, PublicSite site,
                AdvisoryWriters writers, HttpResponse response, CancellationToken ct) =>
            {
                var document = await documents.CurrentAsync(actor, id, site.Home, ct);
                await WriteAsync(response, writers.Write(document, Format(format)), ct);
            })
            .WithTags("Advisories")
            .WithName("ExportAdvisory")
            .WithSummary("The advisory as it stands (a draft until published) in format csaf (CSAF 2.0), osv (OSV) or cve (CVE JSON 5.x record).")
            .Produces<JsonObject>(contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    public static IEndpointRouteBuilder MapPublicAdvisoryExports(this IEndpointRouteBuilder app)
    {
        app.MapMethods($"/{PublicSite.ListPath}/{{reference}}/{{file}}", [HttpMethods.Get, HttpMethods.Head], async Task<IResult> (string reference, string file,
                AdvisoryDocuments documents, PublicSite site, AdvisoryWriters writers, HttpResponse response, CancellationToken ct) =>
            {
                if (!file.EndsWith(".json", StringComparison.Ordinal) || !Formats.Contains(file[..^5]))
                {
                    throw new NotFoundException($"There is no {file} for an advisory; there are {string.Join(", ", Formats.Select(f => f + ".json"))}.");
                }
                var document = await documents.PublishedAsync(reference, site.Home, ct);
                response.GetTypedHeaders().LastModified = document.CurrentReleaseDate;
                await WriteAsync(response, writers.Write(document, file[..^5]), ct);
                return Results.Empty;
            })
            .AllowAnonymous()
            .WithMetadata(new PublicResponseAttribute())
            .ExcludeFromDescription();
        return app;
    }

    private static string Format(string format) =>
        Formats.Contains(format) ? format : throw ValidationException.For("format", $"Unknown format '{format}'; one of: {string.Join(", ", Formats)}.");

    private static async Task WriteAsync(HttpResponse response, byte[] json, CancellationToken ct)
    {
        response.ContentType = "application/json; charset=utf-8";
        await response.Body.WriteAsync(json, ct);
    }
}

/// <summary>The three writers behind one format name.</summary>
public sealed class AdvisoryWriters(CsafWriter csaf, OsvWriter osv, CveWriter cve)
{
    /// <summary>The formats <paramref name="document"/> can be written in, so that a page links only to exports that answer.</summary>
    /// <remarks>
    /// Asked of the writers themselves: a CVE record, for one, needs a CVE id and the CNA's organization id, and whatever
    /// else a writer comes to require is honoured here without being repeated.
    /// </remarks>
    public IReadOnlyList<string> Available(AdvisoryDocument document) => [.. AdvisoryExportEndpoints.Formats.Where(format => CanWrite(document, format))];

    private bool CanWrite(AdvisoryDocument document, string format)
    {
        try
        {
            Write(document, format);
            return true;
        }
        catch (Exception e) when (e is ConflictException or ValidationException)
        {
            return false;
        }
    }

    public byte[] Write(AdvisoryDocument document, string format) => ExportJson.Serialize(format switch
    {
        "csaf" => csaf.Write(document),
        "osv" => osv.Write(document)[0],
        _ => cve.Write(document)[0],
    });
}
