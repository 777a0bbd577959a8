using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecComms.Core.Advisories;
using SecComms.Core.Errors;
using SecComms.Web.Advisories;

namespace SecComms.Web.Pages.Advisories;

/// <summary>One published advisory, as it was approved and published, for anyone.</summary>
[AllowAnonymous]
[PublicResponse]
public sealed class EntryModel(PublicEntries entries, AdvisoryDocuments documents, AdvisoryWriters writers, PublicSite site) : PageModel
{
    /// <summary>What each export is called for readers, by its format.</summary>
    public static readonly IReadOnlyDictionary<string, string> ExportNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["csaf"] = "CSAF 2.0",
        ["osv"] = "OSV",
        ["cve"] = "CVE JSON 5",
    };

    public PublicEntry? Entry { get; private set; }

    /// <summary>The formats the advisory's exports answer in; none for anything but an advisory.</summary>
    public IReadOnlyList<string> Exports { get; private set; } = [];

    public PublicSite Site => site;

    /// <remarks>A draft, a confidential communication and a mistyped address all answer the same 404.</remarks>
    public async Task<IActionResult> OnGetAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            Entry = await entries.GetAsync(reference, cancellationToken);
            if (Entry.Facts.IsAdvisory)
            {
                Exports = writers.Available(await documents.PublishedAsync(reference, site.Home, cancellationToken));
            }
        }
        catch (NotFoundException)
        {
            return new PartialViewResult { ViewName = "_PublicNotFound", ViewData = ViewData, StatusCode = StatusCodes.Status404NotFound };
        }
        Response.GetTypedHeaders().LastModified = Entry.PublishedAt;
        return Page();
    }
}
